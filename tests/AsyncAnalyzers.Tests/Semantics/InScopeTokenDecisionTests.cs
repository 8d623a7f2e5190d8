using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.CodeFixes.Cancellation;
using AsyncAnalyzers.Tests.Verifiers;

namespace AsyncAnalyzers.Tests.Semantics
{
    /// <summary>
    /// The in-scope token is decided once, by the analyzer, and the fix forwards exactly that decision (diagnostic
    /// properties). These cases used to differ: with two token locals and one token source in scope the analyzer saw
    /// no token while the fix passed the source's token.
    /// </summary>
    [Trait("Rule", "ASYNC101")]
    [Trait("Rule", "ASYNC102")]
    [Trait("Rule", "ASYNC303")]
    public sealed class InScopeTokenDecisionTests
    {
        [Fact]
        public Task Sleep_fix_passes_no_token_when_two_token_locals_make_the_choice_ambiguous()
            => CSharpCodeFixVerifier<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationTokenSource outer)
                    {
                        var first = outer.Token;
                        var second = CancellationToken.None;
                        using var cts = new CancellationTokenSource();
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationTokenSource outer)
                    {
                        var first = outer.Token;
                        var second = CancellationToken.None;
                        using var cts = new CancellationTokenSource();
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Blocking_fix_forwards_no_token_when_the_analyzer_saw_none()
            => CSharpCodeFixVerifier<BlockOnTaskAnalyzer, BlockOnTaskCodeFixProvider>.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    static Task<int> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);

                    async Task<int> M(CancellationTokenSource outer)
                    {
                        await Task.Yield();
                        CancellationToken first = outer.Token, second = default;
                        using var cts = new CancellationTokenSource();
                        return [|LoadAsync().Result|];
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    static Task<int> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);

                    async Task<int> M(CancellationTokenSource outer)
                    {
                        await Task.Yield();
                        CancellationToken first = outer.Token, second = default;
                        using var cts = new CancellationTokenSource();
                        return await LoadAsync();
                    }
                }
                """);

        [Fact]
        public Task Loop_fix_checks_the_token_the_analyzer_named_in_its_message()
            => CSharpCodeFixVerifier<ObserveCancellationInLoopAnalyzer, ObserveCancellationInLoopCodeFixProvider>.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task Poll()
                    {
                        using var cts = new CancellationTokenSource();
                        {|#0:while|} (true)
                        {
                            await Task.Delay(100);
                        }
                    }
                }
                """,
                CSharpCodeFixVerifier<ObserveCancellationInLoopAnalyzer, ObserveCancellationInLoopCodeFixProvider>.Diagnostic().WithLocation(0).WithArguments("cts.Token"),
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task Poll()
                    {
                        using var cts = new CancellationTokenSource();
                        while (true)
                        {
                            cts.Token.ThrowIfCancellationRequested();
                            await Task.Delay(100);
                        }
                    }
                }
                """);
    }
}
