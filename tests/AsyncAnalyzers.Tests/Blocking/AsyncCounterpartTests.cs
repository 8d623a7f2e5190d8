using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.AsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AsyncCounterpartCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC103: call the async counterpart in async code.</summary>
    [Trait("Rule", "ASYNC103")]
    public sealed partial class AsyncCounterpartTests
    {
        private static string Wrap(string body, string parameters = "CancellationToken cancellationToken") => $$"""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream stream, StreamReader reader, SemaphoreSlim gate, string path, {{parameters}})
                {
            {{body}}
                    await Task.Yield();
                }
            }
            """;

        private static DiagnosticResult At(int marker, string call, string twin)
            => CSharpAnalyzerVerifier<AsyncCounterpartAnalyzer>.Diagnostic(Descriptors.AsyncCounterpart).WithLocation(marker).WithArguments(call, twin);

        [Fact]
        public Task ReadToEnd_is_awaited_with_the_token_where_the_overload_exists()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var text = {|#0:reader.ReadToEnd()|};"),
                At(0, "StreamReader.ReadToEnd", "ReadToEndAsync"),
                Wrap("        var text = await reader.ReadToEndAsync(cancellationToken);"));

        [Fact]
        public async Task ReadToEnd_on_netstandard20_is_awaited_without_a_token()
        {
            var test = new CodeFixTest<AsyncCounterpartAnalyzer, AsyncCounterpartCodeFixProvider>
            {
                ReferenceAssemblies = ReferenceSet.NetStandard20,
                TestCode = """
                    using System.IO;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> M(StreamReader reader, CancellationToken cancellationToken)
                        {
                            await Task.Yield();
                            return [|reader.ReadToEnd()|];
                        }
                    }
                    """,
                FixedCode = """
                    using System.IO;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> M(StreamReader reader, CancellationToken cancellationToken)
                        {
                            await Task.Yield();
                            return await reader.ReadToEndAsync();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        [Fact]
        public Task File_ReadAllText_is_awaited_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var text = [|File.ReadAllText(path)|];"),
                Wrap("        var text = await File.ReadAllTextAsync(path, cancellationToken);"));

        [Fact]
        public Task SemaphoreSlim_Wait_is_awaited_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|gate.Wait()|];\n        gate.Release();", "CancellationToken token"),
                Wrap("        await gate.WaitAsync(token);\n        gate.Release();", "CancellationToken token"));

        [Fact]
        public Task Stream_Write_and_Flush_are_awaited_and_comments_kept()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            var buffer = new byte[8];
                            [|stream.Write(buffer, 0, buffer.Length)|]; // payload
                            /* then */ [|stream.Flush()|];
                    """, "int unused"),
                Wrap("""
                            var buffer = new byte[8];
                            await stream.WriteAsync(buffer, 0, buffer.Length); // payload
                            /* then */ await stream.FlushAsync();
                    """, "int unused"));

        [Fact]
        public Task Result_used_as_a_receiver_is_parenthesised()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var line = [|reader.ReadLine()|]?.Trim();\n        var length = [|reader.ReadToEnd()|].Length;", "int unused"),
                Wrap("        var line = (await reader.ReadLineAsync())?.Trim();\n        var length = (await reader.ReadToEndAsync()).Length;", "int unused"));

        [Fact]
        public Task Nested_calls_are_both_awaited()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|File.WriteAllText(path, [|File.ReadAllText(path + \".bak\")|])|];"),
                Wrap("        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(path + \".bak\", cancellationToken), cancellationToken);"));

        [Fact]
        public Task Named_arguments_get_a_named_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        [|File.WriteAllText(path: path, contents: \"x\")|];"),
                Wrap("        await File.WriteAllTextAsync(path: path, contents: \"x\", cancellationToken: cancellationToken);"));

        [Fact]
        public Task HttpClient_Send_is_awaited_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        using var client = new HttpClient();\n        using var response = [|client.Send(new HttpRequestMessage())|];"),
                Wrap("        using var client = new HttpClient();\n        using var response = await client.SendAsync(new HttpRequestMessage(), cancellationToken);"));

        [Fact]
        public Task Call_in_async_lambda_is_fixed_with_the_lambda_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Func<CancellationToken, Task<string>> read = async ct => [|File.ReadAllText(path)|];"),
                Wrap("        Func<CancellationToken, Task<string>> read = async ct => await File.ReadAllTextAsync(path, ct);"));

        [Fact]
        public Task Required_token_without_one_in_scope_passes_None()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Store
                {
                    public void Save() { }
                    public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Store store)
                    {
                        [|store.Save()|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Store
                {
                    public void Save() { }
                    public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Store store)
                    {
                        await store.SaveAsync(CancellationToken.None);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Extension_twin_in_scope_and_generic_twin_are_found()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class Repo
                {
                    public int Load() => 1;
                    public T Get<T>() => default!;
                    public Task<T> GetAsync<T>() => Task.FromResult(default(T)!);
                }

                static class RepoExtensions
                {
                    public static Task<int> LoadAsync(this Repo repo) => Task.FromResult(1);
                }

                class C
                {
                    async Task<int> M(Repo repo)
                    {
                        await Task.Yield();
                        return [|repo.Load()|] + [|repo.Get<int>()|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class Repo
                {
                    public int Load() => 1;
                    public T Get<T>() => default!;
                    public Task<T> GetAsync<T>() => Task.FromResult(default(T)!);
                }

                static class RepoExtensions
                {
                    public static Task<int> LoadAsync(this Repo repo) => Task.FromResult(1);
                }

                class C
                {
                    async Task<int> M(Repo repo)
                    {
                        await Task.Yield();
                        return await repo.LoadAsync() + await repo.GetAsync<int>();
                    }
                }
                """);

        [Fact]
        public Task Span_overload_is_reported_without_a_fix_because_the_twin_takes_Memory()
            => Verify.VerifyCodeFixAsync(
                Wrap("        Span<byte> buffer = stackalloc byte[4];\n        var n = {|#0:stream.Read(buffer)|};", "int unused"),
                At(0, "Stream.Read", "ReadAsync"),
                Wrap("        Span<byte> buffer = stackalloc byte[4];\n        var n = {|#0:stream.Read(buffer)|};", "int unused"));

        [Fact]
        public Task BlockingCollection_Take_gets_the_channel_message_and_no_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var queue = new System.Collections.Concurrent.BlockingCollection<int>();\n        var item = {|#0:queue.Take()|};"),
                CSharpAnalyzerVerifier<AsyncCounterpartAnalyzer>.Diagnostic(Descriptors.AsyncCounterpartChannel).WithLocation(0).WithArguments("BlockingCollection.Take"),
                Wrap("        var queue = new System.Collections.Concurrent.BlockingCollection<int>();\n        var item = {|#0:queue.Take()|};"));

        /// <summary>A client whose async methods do not follow the …Async naming, with and without the configured twins applied.</summary>
        private const string LegacyClient = """
            using System.Threading.Tasks;

            namespace Legacy
            {
                public class Client
                {
                    public string Fetch(string key) => key;
                    public Task<string> RetrieveAsync(string key) => Task.FromResult(key);
                    public void Store(string key) { }
                    public Task PersistAsync(string key) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Client client)
                    {
                        await Task.Yield();
                        var value = {|#0:client.Fetch("a")|};
                        {|#1:client.Store(value)|};
                    }
                }
            }
            """;

        private const string LegacyClientFixed = """
            using System.Threading.Tasks;

            namespace Legacy
            {
                public class Client
                {
                    public string Fetch(string key) => key;
                    public Task<string> RetrieveAsync(string key) => Task.FromResult(key);
                    public void Store(string key) { }
                    public Task PersistAsync(string key) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(Client client)
                    {
                        await Task.Yield();
                        var value = await client.RetrieveAsync("a");
                        await client.PersistAsync(value);
                    }
                }
            }
            """;

        [Fact]
        public async Task Extra_twins_from_editorconfig_and_additional_file_are_used()
        {
            var test = new CodeFixTest<AsyncCounterpartAnalyzer, AsyncCounterpartCodeFixProvider>
            {
                TestCode = LegacyClient,
                FixedCode = LegacyClientFixed,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.extra_async_twins = M:Legacy.Client.Fetch=>M:Legacy.Client.RetrieveAsync

                """));
            test.TestState.AdditionalFiles.Add(("/0/AsyncAnalyzers.Twins.txt", """
                # our legacy client
                M:Legacy.Client.Store => M:Legacy.Client.PersistAsync  # renamed in v2

                """));
            test.ExpectedDiagnostics.Add(At(0, "Client.Fetch", "RetrieveAsync"));
            test.ExpectedDiagnostics.Add(At(1, "Client.Store", "PersistAsync"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Extra_twins_in_editorconfig_may_be_written_with_spaces_around_the_arrow()
        {
            var test = new CodeFixTest<AsyncCounterpartAnalyzer, AsyncCounterpartCodeFixProvider>
            {
                TestCode = LegacyClient,
                FixedCode = LegacyClientFixed,
            };
            // As the twins file allows it: "A => B", and a list mixing both spellings.
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.extra_async_twins = M:Legacy.Client.Fetch => M:Legacy.Client.RetrieveAsync, M:Legacy.Client.Store =>M:Legacy.Client.PersistAsync

                """));
            test.ExpectedDiagnostics.Add(At(0, "Client.Fetch", "RetrieveAsync"));
            test.ExpectedDiagnostics.Add(At(1, "Client.Store", "PersistAsync"));
            await test.RunAsync();
        }

        [Fact]
        public Task In_parameter_has_a_by_value_twin_and_the_fix_drops_the_modifier()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                struct Frame
                {
                    public long A, B, C, D;
                }

                class Codec
                {
                    public int Encode(in Frame frame) => 1;
                    public Task<int> EncodeAsync(Frame frame) => Task.FromResult(1);

                    async Task M(Frame frame)
                    {
                        var n = {|#0:Encode(in frame)|} + {|#1:Encode(frame)|};
                        await Task.Yield();
                    }
                }
                """,
                new[] { At(0, "Codec.Encode", "EncodeAsync"), At(1, "Codec.Encode", "EncodeAsync") },
                """
                using System.Threading.Tasks;

                struct Frame
                {
                    public long A, B, C, D;
                }

                class Codec
                {
                    public int Encode(in Frame frame) => 1;
                    public Task<int> EncodeAsync(Frame frame) => Task.FromResult(1);

                    async Task M(Frame frame)
                    {
                        var n = await EncodeAsync(frame) + await EncodeAsync(frame);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Synchronous_extension_with_an_instance_twin_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class Client
                {
                    public Task PushAsync(string item) => Task.CompletedTask;
                }

                static class ClientExtensions
                {
                    public static void Push(this Client client, string item) { }
                }

                class C
                {
                    async Task M(Client client)
                    {
                        {|#0:client.Push("x")|};
                        ClientExtensions.Push(client, "y");
                        await Task.Yield();
                    }
                }
                """,
                At(0, "ClientExtensions.Push", "PushAsync"),
                """
                using System.Threading.Tasks;

                class Client
                {
                    public Task PushAsync(string item) => Task.CompletedTask;
                }

                static class ClientExtensions
                {
                    public static void Push(this Client client, string item) { }
                }

                class C
                {
                    async Task M(Client client)
                    {
                        await client.PushAsync("x");
                        ClientExtensions.Push(client, "y");
                        await Task.Yield();
                    }
                }
                """);
    }
}
