using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Design.CancellableTimeoutAnalyzer, AsyncAnalyzers.CodeFixes.Design.CancellableTimeoutCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC505: timeouts that stop the wait but not the work.</summary>
    [Trait("Rule", "ASYNC505")]
    public sealed class CancellableTimeoutTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            interface IClient { Task<string> FetchAsync(string url, CancellationToken cancellationToken = default); Task PingAsync(); Task PingAsync(CancellationToken cancellationToken); }

            class C
            {
            {{members}}
            }
            """;

        [Fact]
        public Task WhenAny_with_a_delay_gets_a_linked_source()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task<string?> FetchAsync(IClient client, string url, CancellationToken cancellationToken)
                        {
                            // give up after five seconds
                            var first = await [|Task.WhenAny(client.FetchAsync(url), Task.Delay(TimeSpan.FromSeconds(5)))|];
                            return first is Task<string> done ? await done : null;
                        }
                    """),
                Wrap("""
                        async Task<string?> FetchAsync(IClient client, string url, CancellationToken cancellationToken)
                        {
                            // give up after five seconds
                            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                            timeoutSource.CancelAfter(TimeSpan.FromSeconds(5));
                            var first = await Task.WhenAny(client.FetchAsync(url, timeoutSource.Token), Task.Delay(TimeSpan.FromSeconds(5), timeoutSource.Token));
                            return first is Task<string> done ? await done : null;
                        }
                    """));

        [Fact]
        public Task Delay_first_token_overload_and_no_token_in_scope()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task<bool> PingAsync(IClient client, int milliseconds)
                        {
                            var ping = client.PingAsync();
                            return await [|Task.WhenAny(Task.Delay(milliseconds), client.PingAsync())|] != ping;
                        }
                    """),
                Wrap("""
                        async Task<bool> PingAsync(IClient client, int milliseconds)
                        {
                            var ping = client.PingAsync();
                            using var timeoutSource = new CancellationTokenSource();
                            timeoutSource.CancelAfter(milliseconds);
                            return await Task.WhenAny(Task.Delay(milliseconds, timeoutSource.Token), client.PingAsync(timeoutSource.Token)) != ping;
                        }
                    """));

        [Fact]
        public Task WaitAsync_with_a_timeout()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task<string> FetchAsync(IClient client, string url, CancellationToken token)
                        {
                            return await [|client.FetchAsync(url).WaitAsync(TimeSpan.FromSeconds(2))|];
                        }
                    """),
                Wrap("""
                        async Task<string> FetchAsync(IClient client, string url, CancellationToken token)
                        {
                            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(token);
                            timeoutSource.CancelAfter(TimeSpan.FromSeconds(2));
                            return await client.FetchAsync(url, timeoutSource.Token).WaitAsync(TimeSpan.FromSeconds(2));
                        }
                    """));

        [Fact]
        public Task Operation_through_a_local_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task<bool> FetchAsync(IClient client, string url)
                    {
                        var fetch = client.FetchAsync(url);
                        return await [|Task.WhenAny(fetch, Task.Delay(1000))|] == fetch;
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task WaitAsync_without_a_token_in_scope_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task<string> FetchAsync(IClient client, string url)
                        => await [|client.FetchAsync(url).WaitAsync(TimeSpan.FromSeconds(2))|];
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Timeout_with_side_effects_is_reported_without_a_fix()
        {
            var code = Wrap("""
                    private int _attempt;

                    async Task FetchAsync(IClient client, string url)
                    {
                        await [|Task.WhenAny(client.FetchAsync(url), Task.Delay(NextTimeout()))|];
                    }

                    int NextTimeout() => 1000 * ++_attempt;
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        // ---- not reported ----

        [Fact]
        public Task Operations_given_a_token_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task FetchAsync(IClient client, string url, CancellationToken token)
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                        timeout.CancelAfter(1000);
                        await Task.WhenAny(client.FetchAsync(url, timeout.Token), Task.Delay(1000, token));
                        await client.FetchAsync(url, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
                    }
                """));

        [Fact]
        public Task Operations_that_cannot_take_a_token_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<int> Compute() => Task.FromResult(1);

                    async Task RunAsync()
                    {
                        await Task.WhenAny(Compute(), Task.Delay(1000));
                        await Compute().WaitAsync(TimeSpan.FromSeconds(1));
                    }
                """));

        [Fact]
        public Task WaitAsync_with_a_token_is_the_caller_choosing_cancellation()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IClient client, CancellationToken token)
                    {
                        await client.PingAsync().WaitAsync(token);
                        await client.PingAsync().WaitAsync(TimeSpan.FromSeconds(1), token);
                    }
                """));

        [Fact]
        public Task WhenAny_without_a_delay_or_with_more_tasks_is_not_a_timeout()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IClient a, IClient b)
                    {
                        await Task.WhenAny(a.PingAsync(), b.PingAsync());
                        await Task.WhenAny(a.PingAsync(), b.PingAsync(), Task.Delay(100));
                    }
                """));

        [Fact]
        public Task WhenAny_that_is_not_awaited_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    Task<Task> Race(IClient client) => Task.WhenAny(client.PingAsync(), Task.Delay(100));
                """));

        [Fact]
        public Task Delay_already_cancellable_and_operation_given_a_token_is_fine()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IClient client, CancellationToken token)
                    {
                        await Task.WhenAny(client.PingAsync(token), Task.Delay(100, token));
                    }
                """));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    async Task M(IClient c) => await Task.WhenAny(c.PingAsync(), Task.Delay(1));"));
    }
}
