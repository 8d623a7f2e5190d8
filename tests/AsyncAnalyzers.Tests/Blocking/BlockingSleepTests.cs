using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public sealed class BlockingSleepTests
    {
        [Fact]
        public Task Sleep_in_async_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(100);
                        await Task.Yield();
                    }
                }
                """);
    }
}
