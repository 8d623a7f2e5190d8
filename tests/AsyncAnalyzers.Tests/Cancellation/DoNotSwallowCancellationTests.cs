using System.Threading.Tasks;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Cancellation;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Cancellation.DoNotSwallowCancellationAnalyzer, AsyncAnalyzers.CodeFixes.Cancellation.DoNotSwallowCancellationCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>ASYNC304: catch-alls that swallow cancellation.</summary>
    public sealed class DoNotSwallowCancellationTests
    {
        private static string Wrap(string body) => $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task SendAsync(CancellationToken token) => Task.Delay(1, token);
                void Log(Exception e) { }

                async Task M(CancellationToken token)
                {
            {{body}}
                }
            }
            """;

        [Fact]
        public Task Catch_Exception_with_variable_gets_a_filter()
            => Verify.VerifyCodeFixAsync(
                Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        [|catch (Exception ex)|] // keep going\n        {\n            Log(ex);\n        }"),
                Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        catch (Exception ex) when (ex is not OperationCanceledException) // keep going\n        {\n            Log(ex);\n        }"));

        [Fact]
        public Task Catch_Exception_without_variable_gets_one()
            => Verify.VerifyCodeFixAsync(
                Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        [|catch (Exception)|]\n        {\n        }"),
                Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        catch (Exception ex) when (ex is not OperationCanceledException)\n        {\n        }"));

        [Fact]
        public Task Bare_catch_gets_a_typed_declaration_and_filter()
            => Verify.VerifyCodeFixAsync(
                Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        [|catch|]\n        {\n        }"),
                Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        catch (Exception ex) when (ex is not OperationCanceledException)\n        {\n        }"));

        [Fact]
        public Task Name_clash_picks_another_variable()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var ex = 1;\n        try\n        {\n            await SendAsync(token);\n        }\n        [|catch (Exception)|]\n        {\n            ex++;\n        }"),
                Wrap("        var ex = 1;\n        try\n        {\n            await SendAsync(token);\n        }\n        catch (Exception ex1) when (ex1 is not OperationCanceledException)\n        {\n            ex++;\n        }"));

        [Fact]
        public async Task Before_CSharp_9_the_filter_uses_a_negated_is()
        {
            var test = new CodeFixTest<DoNotSwallowCancellationAnalyzer, DoNotSwallowCancellationCodeFixProvider>
            {
                LanguageVersion = LanguageVersion.CSharp8,
                TestCode = Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        [|catch (Exception e)|]\n        {\n            Log(e);\n        }").Replace("CancellationToken token)", "CancellationToken token)"),
                FixedCode = Wrap("        try\n        {\n            await SendAsync(token);\n        }\n        catch (Exception e) when (!(e is OperationCanceledException))\n        {\n            Log(e);\n        }"),
            };
            await test.RunAsync();
        }

        [Fact]
        public Task Token_method_call_inside_try_counts_as_receiving()
            => Verify.VerifyAnalyzerAsync(Wrap("        try\n        {\n            token.ThrowIfCancellationRequested();\n            await Task.Yield();\n        }\n        [|catch (Exception)|]\n        {\n        }"));

        // ---------------------------------------------------------------- must not flag

        [Fact]
        public Task Filtered_catch_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await SendAsync(token); }\n        catch (Exception ex) when (ex is not OperationCanceledException) { Log(ex); }"));

        [Fact]
        public Task Rethrowing_catch_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await SendAsync(token); }\n        catch (Exception ex) { Log(ex); throw; }"));

        [Fact]
        public Task Preceding_OperationCanceledException_catch_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await SendAsync(token); }\n        catch (OperationCanceledException) { throw; }\n        catch (Exception ex) { Log(ex); }"));

        [Fact]
        public Task Try_without_a_token_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await Task.Delay(1); }\n        catch (Exception ex) { Log(ex); }"));

        [Fact]
        public Task Try_passing_only_None_or_default_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        // Shape seen in a real controller: a scan started with CancellationToken.None cannot be canceled.\n        try { await SendAsync(CancellationToken.None); await SendAsync(default); }\n        catch (Exception ex) { Log(ex); }"));

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
        public Task Specific_exception_catches_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await SendAsync(token); }\n        catch (InvalidOperationException ex) { Log(ex); }\n        catch (TimeoutException) { }"));

        [Fact]
        public Task Catch_wrapping_and_throwing_another_exception_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await SendAsync(token); }\n        catch (Exception ex) { throw new InvalidOperationException(\"send failed\", ex); }"));

        [Fact]
        public Task Token_passed_only_inside_a_nested_lambda_still_counts_as_received()
            => Verify.VerifyAnalyzerAsync(Wrap("        try { await Task.Run(() => SendAsync(token)); }\n        [|catch (Exception)|] { }"));
    }
}
