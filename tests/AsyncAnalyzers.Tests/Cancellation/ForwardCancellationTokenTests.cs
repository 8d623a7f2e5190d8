using System.Threading.Tasks;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Cancellation.ForwardCancellationTokenAnalyzer, AsyncAnalyzers.CodeFixes.Cancellation.ForwardCancellationTokenCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>ASYNC302: forward the cancellation token.</summary>
    [Trait("Rule", "ASYNC302")]
    public sealed class ForwardCancellationTokenTests
    {
        private static string Wrap(string body, string parameters = "CancellationToken cancellationToken") => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                public Task SendAsync(string s, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public Task LoadAsync(int id) => Task.CompletedTask;
                public Task LoadAsync(int id, CancellationToken token) => Task.CompletedTask;
                public Task LogAsync(string message, int level = 0, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public Task PublishAsync(CancellationToken cancellationToken = default, params string[] topics) => Task.CompletedTask;
                public async IAsyncEnumerable<int> ItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default) { await Task.Yield(); yield return 1; }
                public IAsyncEnumerable<int> Stream() => ItemsAsync();
                public CancellationToken Linked(CancellationToken other = default) => other;
            }

            class C
            {
                async Task M(Api api, {{parameters}})
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult At(int marker, string call, string token) => Verify.Diagnostic(DiagnosticIds.ForwardCancellationToken).WithLocation(marker).WithArguments(call, token);

        [Fact]
        public Task Optional_token_parameter_is_passed()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:api.SendAsync(\"x\")|}; // send"),
                At(0, "SendAsync", "cancellationToken"),
                Wrap("        await api.SendAsync(\"x\", cancellationToken); // send"));

        [Fact]
        public Task Overload_with_trailing_token_is_used()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:api.LoadAsync(1)|};"),
                At(0, "LoadAsync", "cancellationToken"),
                Wrap("        await api.LoadAsync(1, cancellationToken);"));

        [Fact]
        public Task Skipped_optional_parameter_needs_a_named_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:api.LogAsync(\"x\")|};"),
                At(0, "LogAsync", "cancellationToken"),
                Wrap("        await api.LogAsync(\"x\", cancellationToken: cancellationToken);"));

        [Fact]
        public Task Token_after_named_arguments_is_named()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:api.SendAsync(s: \"x\")|};", "CancellationToken ct"),
                At(0, "SendAsync", "ct"),
                Wrap("        await api.SendAsync(s: \"x\", cancellationToken: ct);", "CancellationToken ct"));

        [Fact]
        public Task Token_declared_first_before_params_binds_positionally()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:api.PublishAsync()|};"),
                At(0, "PublishAsync", "cancellationToken"),
                Wrap("        await api.PublishAsync(cancellationToken);"));

        [Fact]
        public Task Framework_calls_are_forwarded()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:Task.Delay(100)|};\n        var text = await {|#1:File.ReadAllTextAsync(\"a.txt\")|};"),
                new[] { At(0, "Delay", "cancellationToken"), At(1, "ReadAllTextAsync", "cancellationToken") },
                Wrap("        await Task.Delay(100, cancellationToken);\n        var text = await File.ReadAllTextAsync(\"a.txt\", cancellationToken);"));

        [Fact]
        public Task Await_foreach_gets_WithCancellation()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await foreach (var item in {|#0:api.Stream()|}) { }"),
                At(0, "await foreach", "cancellationToken"),
                Wrap("        await foreach (var item in api.Stream().WithCancellation(cancellationToken)) { }"));

        [Fact]
        public Task Await_foreach_passes_the_token_to_a_producer_that_accepts_one()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await foreach (var item in {|#0:api.ItemsAsync()|}) { }"),
                At(0, "ItemsAsync", "cancellationToken"),
                Wrap("        await foreach (var item in api.ItemsAsync(cancellationToken)) { }"));

        [Fact]
        public Task Await_foreach_producer_with_a_token_overload_gets_the_token()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class Feed
                {
                    public IAsyncEnumerable<int> Read() => Read(CancellationToken.None);
                    public async IAsyncEnumerable<int> Read([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token) { await Task.Yield(); yield return 1; }
                }

                class C
                {
                    async Task M(Feed feed, CancellationToken cancellationToken)
                    {
                        await foreach (var item in {|#0:feed.Read()|}) { }
                    }
                }
                """,
                At(0, "Read", "cancellationToken"),
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class Feed
                {
                    public IAsyncEnumerable<int> Read() => Read(CancellationToken.None);
                    public async IAsyncEnumerable<int> Read([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token) { await Task.Yield(); yield return 1; }
                }

                class C
                {
                    async Task M(Feed feed, CancellationToken cancellationToken)
                    {
                        await foreach (var item in feed.Read(cancellationToken)) { }
                    }
                }
                """);

        [Fact]
        public Task Local_token_source_is_forwarded_as_its_Token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        using var cts = new CancellationTokenSource();\n        await {|#0:api.SendAsync(\"x\")|};", "int unused"),
                At(0, "SendAsync", "cts.Token"),
                Wrap("        using var cts = new CancellationTokenSource();\n        await api.SendAsync(\"x\", cts.Token);", "int unused"));

        [Fact]
        public Task Lambda_token_is_forwarded_inside_the_lambda()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Func<CancellationToken, Task> send = ct => {|#0:api.SendAsync(\"x\")|};\n        await send(cancellationToken);"),
                At(0, "SendAsync", "ct"),
                Wrap("        Func<CancellationToken, Task> send = ct => api.SendAsync(\"x\", ct);\n        await send(cancellationToken);"));

        [Fact]
        public Task Two_tokens_in_scope_are_reported_without_a_fix_naming_both()
            => Verify.VerifyCodeFixAsync(
                Wrap("        await {|#0:api.SendAsync(\"x\")|};", "CancellationToken requestAborted, CancellationToken shutdown"),
                Verify.Diagnostic(Descriptors.ForwardCancellationTokenAmbiguous).WithLocation(0).WithArguments("SendAsync", "requestAborted", "shutdown"),
                Wrap("        await {|#0:api.SendAsync(\"x\")|};", "CancellationToken requestAborted, CancellationToken shutdown"));

        [Fact]
        public Task Calls_already_passing_a_token_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        await api.SendAsync("x", cancellationToken);
                        await api.LoadAsync(1, cancellationToken);
                        await api.LogAsync("x", cancellationToken: cancellationToken);
                """));

        [Fact]
        public Task Explicit_None_is_respected()
            => Verify.VerifyAnalyzerAsync(Wrap("        await api.SendAsync(\"x\", CancellationToken.None);\n        await api.LoadAsync(1, default);"));

        [Fact]
        public Task Cleanup_in_catch_and_finally_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        try { await api.SendAsync("x", cancellationToken); }
                        catch (Exception) { await api.LogAsync("failed"); }
                        finally { await api.SendAsync("done"); }
                """));

        [Fact]
        public Task DisposeAsync_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Conn : IAsyncDisposable
                {
                    private readonly CancellationToken _token;
                    Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

                    public async ValueTask DisposeAsync()
                    {
                        using var cts = new CancellationTokenSource();
                        await CloseAsync();
                    }
                }
                """);

        [Fact]
        public Task Methods_returning_a_token_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var linked = api.Linked();\n        await api.SendAsync(\"x\", linked);"));

        [Fact]
        public Task No_token_in_scope_means_nothing_to_forward()
            => Verify.VerifyAnalyzerAsync(Wrap("        await api.SendAsync(\"x\");\n        await Task.Delay(1);", "int unused"));

        [Fact]
        public Task Await_foreach_with_WithCancellation_or_token_passed_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        await foreach (var a in api.Stream().WithCancellation(cancellationToken)) { }\n        await foreach (var b in api.ItemsAsync(cancellationToken)) { }"));

        [Fact]
        public Task Calls_without_token_parameter_or_overload_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        await Task.Yield();
                        Console.WriteLine("x");
                        await Task.WhenAll(Task.CompletedTask);
                """));

        [Fact]
        public Task Blocking_call_with_async_twin_in_async_code_is_left_to_ASYNC103()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var gate = new SemaphoreSlim(1);
                        gate.Wait();
                        if (gate.Wait(0)) { gate.Release(); }
                        await Task.Yield();
                """));

        [Fact]
        public Task Blocking_call_in_sync_method_with_a_token_is_forwarded()
            => Verify.VerifyCodeFixAsync(
                """
                    using System.Threading;

                    class C
                    {
                        void M(SemaphoreSlim gate, CancellationToken token)
                        {
                            {|#0:gate.Wait()|};
                            gate.Release();
                        }
                    }

                    """,
                At(0, "Wait", "token"),
                """
                    using System.Threading;

                    class C
                    {
                        void M(SemaphoreSlim gate, CancellationToken token)
                        {
                            gate.Wait(token);
                            gate.Release();
                        }
                    }

                    """);

        [Fact]
        public Task Zero_first_argument_exempts_only_semaphore_tries()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Reader
                {
                    public Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken = default) => Task.FromResult(default(T)!);
                    public Task<bool> FetchAsync(int count) => Task.FromResult(true);
                    public Task<bool> FetchAsync(int count, CancellationToken cancellationToken) => Task.FromResult(true);
                }

                class C
                {
                    async Task M(Reader reader, SemaphoreSlim gate, CancellationToken cancellationToken)
                    {
                        var id = await {|#0:reader.GetFieldValueAsync<int>(0)|};
                        var more = await {|#1:reader.FetchAsync(0)|};
                        if (await gate.WaitAsync(0)) { gate.Release(); }
                    }
                }
                """,
                new[] { At(0, "GetFieldValueAsync", "cancellationToken"), At(1, "FetchAsync", "cancellationToken") },
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Reader
                {
                    public Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken = default) => Task.FromResult(default(T)!);
                    public Task<bool> FetchAsync(int count) => Task.FromResult(true);
                    public Task<bool> FetchAsync(int count, CancellationToken cancellationToken) => Task.FromResult(true);
                }

                class C
                {
                    async Task M(Reader reader, SemaphoreSlim gate, CancellationToken cancellationToken)
                    {
                        var id = await reader.GetFieldValueAsync<int>(0, cancellationToken);
                        var more = await reader.FetchAsync(0, cancellationToken);
                        if (await gate.WaitAsync(0)) { gate.Release(); }
                    }
                }
                """);

        [Fact]
        public Task Token_after_other_optional_parameters_is_passed_by_name_in_a_call_without_arguments()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Archive
                {
                    public Task ArchiveAsync(int days = 30, bool compress = true, CancellationToken ct = default) => Task.CompletedTask;

                    async Task M(CancellationToken cancellationToken)
                    {
                        await {|#0:ArchiveAsync()|};
                    }
                }
                """,
                At(0, "ArchiveAsync", "cancellationToken"),
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Archive
                {
                    public Task ArchiveAsync(int days = 30, bool compress = true, CancellationToken ct = default) => Task.CompletedTask;

                    async Task M(CancellationToken cancellationToken)
                    {
                        await ArchiveAsync(ct: cancellationToken);
                    }
                }
                """);

        [Fact]
        public Task Params_method_with_an_array_and_token_overload_gets_the_array_built()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Set
                {
                    public Task<object> FindAsync(params object[] keyValues) => Task.FromResult(new object());
                    public Task<object> FindAsync(object[] keyValues, CancellationToken cancellationToken) => Task.FromResult(new object());

                    async Task M(object[] keys, CancellationToken cancellationToken)
                    {
                        var one = await {|#0:FindAsync(1, "tenant")|};
                        var two = await {|#1:FindAsync(keys)|};
                    }
                }
                """,
                new[] { At(0, "FindAsync", "cancellationToken"), At(1, "FindAsync", "cancellationToken") },
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Set
                {
                    public Task<object> FindAsync(params object[] keyValues) => Task.FromResult(new object());
                    public Task<object> FindAsync(object[] keyValues, CancellationToken cancellationToken) => Task.FromResult(new object());

                    async Task M(object[] keys, CancellationToken cancellationToken)
                    {
                        var one = await FindAsync(new object[] { 1, "tenant" }, cancellationToken);
                        var two = await FindAsync(keys, cancellationToken);
                    }
                }
                """);

        [Fact]
        public Task Obsolete_experimental_and_other_return_type_overloads_are_not_targets()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Diagnostics.CodeAnalysis;
                using System.Threading;
                using System.Threading.Tasks;

                class Api
                {
                    public Task OldAsync() => Task.CompletedTask;
                    [Obsolete("use NewAsync")]
                    public Task OldAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                    public Task PreviewAsync() => Task.CompletedTask;
                    [Experimental("API001")]
                    public Task PreviewAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                    public Task<int> CountAsync() => Task.FromResult(1);
                    public ValueTask<int> CountAsync(CancellationToken cancellationToken) => new ValueTask<int>(1);

                    async Task M(CancellationToken cancellationToken)
                    {
                        await OldAsync();
                        await PreviewAsync();
                        Task<int> pending = CountAsync();
                        await pending;
                    }
                }
                """);

        [Fact]
        public Task Blocking_waits_are_left_to_ASYNC102_and_ASYNC104()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task work, CancellationToken cancellationToken)
                    {
                        work.Wait();
                        Task.WaitAll(work);
                        await Task.Yield();
                    }

                    void Sync(Task work, CancellationToken cancellationToken)
                    {
                        work.Wait();
                        Task.WaitAny(work);
                    }
                }
                """);

        [Fact]
        public Task Token_given_to_the_results_enumerator_travels_with_it()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var enumerator = api.ItemsAsync().GetAsyncEnumerator(cancellationToken);
                        var configured = api.ItemsAsync().WithCancellation(cancellationToken);
                        await Task.Yield();
                """));

        [Fact]
        public Task Token_travelling_inside_an_argument_object_is_enough()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                record Request(string Body, CancellationToken Token);

                class Options { public CancellationToken Token { get; set; } public int Retries { get; set; } }

                class Client
                {
                    public Task SendAsync(Request request, CancellationToken cancellationToken = default) => Task.CompletedTask;
                    public Task RunAsync(Options options, CancellationToken cancellationToken = default) => Task.CompletedTask;

                    async Task M(CancellationToken cancellationToken)
                    {
                        await SendAsync(new Request("a", cancellationToken));
                        var request = new Request("b", cancellationToken);
                        await SendAsync(request);
                        await RunAsync(new Options { Token = cancellationToken, Retries = 2 });
                        await {|#0:SendAsync(new Request("c", CancellationToken.None))|};
                    }
                }
                """,
                At(0, "SendAsync", "cancellationToken"));

        [Fact]
        public Task A_method_is_never_told_to_call_itself()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Client
                {
                    public Task SendAsync(string text) => SendAsync(text, CancellationToken.None);

                    public async Task SendAsync(string text, CancellationToken cancellationToken)
                    {
                        await Task.Delay(1, cancellationToken);
                        if (text.Length > 10)
                        {
                            await SendAsync(text.Substring(10));
                        }
                    }
                }
                """);

        [Fact]
        public Task Token_forwarded_through_a_linked_source_is_not_reported_again()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        await api.SendAsync("x", linked.Token);
                        await Task.Delay(1, linked.Token);
                """));

        [Fact]
        public Task Sync_overloads_without_token_siblings_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var list = new List<int>();
                        list.Add(1);
                        Console.WriteLine(list.Count);
                        await Task.Yield();
                """));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("        await api.SendAsync(\"x\");\n        await Task.Delay(1);"));

        [Fact]
        public Task Static_lambda_cannot_see_the_outer_token()
            => Verify.VerifyAnalyzerAsync(Wrap("        Func<Api, Task> send = static a => a.SendAsync(\"x\");\n        await send(api);"));

        [Fact]
        public Task Netstandard20_is_analyzed_without_IAsyncEnumerable()
        {
            var test = new AnalyzerTest<ForwardCancellationTokenAnalyzer>
            {
                ReferenceAssemblies = ReferenceSet.NetStandard20,
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(CancellationToken token)
                        {
                            await {|#0:Task.Delay(1)|};
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(At(0, "Delay", "token"));
            return test.RunAsync();
        }
    }
}
