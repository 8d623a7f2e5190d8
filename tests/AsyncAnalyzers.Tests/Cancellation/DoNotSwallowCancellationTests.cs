using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Cancellation.DoNotSwallowCancellationAnalyzer, AsyncAnalyzers.CodeFixes.Cancellation.DoNotSwallowCancellationCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>ASYNC304: catch-alls that swallow the caller's cancellation.</summary>
    [Trait("Rule", "ASYNC304")]
    public sealed class DoNotSwallowCancellationTests
    {
        private static string Wrap(string body, string parameters = "CancellationToken token") => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync(CancellationToken token) => Task.Delay(1, token);
                void Handle(Exception e) { }
                Exception? _last;

                async Task M({{parameters}})
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult At(int marker, string token = "token") => Verify.Diagnostic().WithLocation(marker).WithArguments(token);

        [Fact]
        public Task Logging_catch_all_gets_a_rethrow_clause_for_the_callers_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            try
                            {
                                await SendAsync(token);
                            }
                            {|#0:catch (Exception ex)|} // keep going
                            {
                                Console.WriteLine(ex);
                            }
                    """),
                At(0),
                Wrap("""
                            try
                            {
                                await SendAsync(token);
                            }
                            catch (OperationCanceledException) when (token.IsCancellationRequested)
                            {
                                throw;
                            }
                            catch (Exception ex) // keep going
                            {
                                Console.WriteLine(ex);
                            }
                    """));

        [Fact]
        public Task Bare_catch_gets_the_clause_too()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            try
                            {
                                await SendAsync(token);
                            }
                            {|#0:catch|}
                            {
                            }
                    """),
                At(0),
                Wrap("""
                            try
                            {
                                await SendAsync(token);
                            }
                            catch (OperationCanceledException) when (token.IsCancellationRequested)
                            {
                                throw;
                            }
                            catch
                            {
                            }
                    """));

        [Fact]
        public Task Timeout_linked_to_the_callers_token_stays_handled_after_the_fix()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            // A request timeout is an OperationCanceledException too: it must keep returning "timed out".
                            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                            timeout.CancelAfter(TimeSpan.FromSeconds(5));
                            try
                            {
                                await SendAsync(timeout.Token);
                            }
                            {|#0:catch (Exception)|}
                            {
                                Console.WriteLine("timed out or failed");
                            }
                    """, "CancellationToken cancellationToken"),
                At(0, "cancellationToken"),
                Wrap("""
                            // A request timeout is an OperationCanceledException too: it must keep returning "timed out".
                            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                            timeout.CancelAfter(TimeSpan.FromSeconds(5));
                            try
                            {
                                await SendAsync(timeout.Token);
                            }
                            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                            {
                                throw;
                            }
                            catch (Exception)
                            {
                                Console.WriteLine("timed out or failed");
                            }
                    """, "CancellationToken cancellationToken"));

        [Fact]
        public Task Token_method_call_and_token_copied_to_a_local_count_as_receiving()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var copy = token;
                        try
                        {
                            copy.ThrowIfCancellationRequested();
                            await Task.Yield();
                        }
                        {|#0:catch (Exception)|}
                        {
                        }
                """), At(0));

        [Fact]
        public Task Logger_calls_are_not_a_decision_about_cancellation()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Microsoft.Extensions.Logging
                {
                    public interface ILogger { }

                    public static class LoggerExtensions
                    {
                        public static void LogError(this ILogger logger, Exception exception, string message) { }
                    }
                }

                class C
                {
                    async Task M(Microsoft.Extensions.Logging.ILogger logger, CancellationToken token)
                    {
                        try { await Task.Delay(10, token); }
                        {|#0:catch (Exception ex)|} { Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, ex, "failed"); }
                    }
                }
                """,
                At(0));

        [Fact]
        public Task Token_passed_only_inside_a_nested_lambda_still_counts_as_received()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await Task.Run(() => SendAsync(token)); }\n        {|#0:catch (Exception)|} { }"), At(0));

        [Fact]
        public Task Token_the_method_made_itself_is_not_the_callers()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        try { await SendAsync(timeout.Token); }
                        catch (Exception) { Console.WriteLine("timed out"); }
                """));

        [Fact]
        public Task Try_without_a_token_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await Task.Delay(1); }\n        catch (Exception ex) { Console.WriteLine(ex); }"));

        [Fact]
        public Task Try_passing_only_None_or_default_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        // A scan started with CancellationToken.None cannot be canceled.
                        try { await SendAsync(CancellationToken.None); await SendAsync(default); }
                        catch (Exception ex) { Console.WriteLine(ex); }
                """));

        [Fact]
        public Task Sync_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;

                class C
                {
                    void M(CancellationToken token)
                    {
                        try { token.ThrowIfCancellationRequested(); }
                        catch (Exception) { }
                    }
                }
                """);

        [Fact]
        public Task Filtered_rethrowing_and_wrapping_catches_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        try { await SendAsync(token); }
                        catch (Exception ex) when (ex is not OperationCanceledException) { Console.WriteLine(ex); }
                        try { await SendAsync(token); }
                        catch (Exception ex) { Console.WriteLine(ex); throw; }
                        try { await SendAsync(token); }
                        catch (Exception ex) { throw new InvalidOperationException("send failed", ex); }
                """));

        [Fact]
        public Task Preceding_cancellation_catch_and_specific_catches_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        try { await SendAsync(token); }
                        catch (OperationCanceledException) { throw; }
                        catch (Exception ex) { Console.WriteLine(ex); }
                        try { await SendAsync(token); }
                        catch (InvalidOperationException ex) { Console.WriteLine(ex); }
                        catch (TimeoutException) { }
                """));

        [Fact]
        public Task Handler_that_tests_for_cancellation_or_the_token_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        try { await SendAsync(token); }
                        catch (Exception ex) { if (ex is OperationCanceledException) { return; } Console.WriteLine(ex); }
                        try { await SendAsync(token); }
                        catch (Exception ex) { switch (ex) { case TaskCanceledException: return; default: Console.WriteLine(ex); break; } }
                        try { await SendAsync(token); }
                        catch (Exception) { if (token.IsCancellationRequested) { return; } }
                        try { await SendAsync(token); }
                        catch (Exception) { await Task.Delay(1000, token); }
                """));

        [Fact]
        public Task Handler_that_hands_the_exception_on_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var done = new TaskCompletionSource<int>();
                        try { await SendAsync(token); }
                        catch (Exception ex) { done.TrySetException(ex); }
                        try { await SendAsync(token); }
                        catch (Exception ex) { Handle(ex); }
                        try { await SendAsync(token); }
                        catch (Exception ex) { _last = ex; }
                """));

        [Fact]
        public Task Token_checked_right_after_the_try_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        try { await SendAsync(token); }
                        catch (Exception ex) { Console.WriteLine(ex); }
                        token.ThrowIfCancellationRequested();
                """));

        [Fact]
        public Task Best_effort_cleanup_inside_a_rethrowing_handler_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        try { await SendAsync(token); }
                        catch (InvalidOperationException)
                        {
                            try { await SendAsync(token); }
                            catch { }
                            throw;
                        }
                """));

        [Fact]
        public Task Top_level_catch_of_an_async_void_callback_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private readonly CancellationToken _token;

                    async void OnTick(object state, CancellationToken token)
                    {
                        try { await Task.Delay(1, token); }
                        catch (Exception ex) { Console.WriteLine(ex); }
                    }

                    void Start(CancellationToken token)
                    {
                        Action tick = async () =>
                        {
                            try { await Task.Delay(1, token); }
                            catch (Exception ex) { Console.WriteLine(ex); }
                        };
                    }
                }
                """);

        [Fact]
        public Task Catch_all_isolating_callbacks_in_a_cancellation_aware_loop_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        Func<CancellationToken, Task>[] handlers = Array.Empty<Func<CancellationToken, Task>>();
                        while (!token.IsCancellationRequested)
                        {
                            foreach (var handler in handlers)
                            {
                                try { await handler(token); }
                                catch (Exception ex) { Console.WriteLine(ex); }
                            }
                        }

                        try
                        {
                            foreach (var handler in handlers)
                            {
                                try { await handler(token); }
                                catch (Exception ex) { Console.WriteLine(ex); }
                            }
                        }
                        catch (OperationCanceledException)
                        {
                        }
                """));
    }
}
