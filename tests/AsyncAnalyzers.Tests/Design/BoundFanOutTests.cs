using System.Threading.Tasks;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Design.BoundFanOutAnalyzer, AsyncAnalyzers.CodeFixes.Design.BoundFanOutCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC507: one operation per item, all at once.</summary>
    [Trait("Rule", "ASYNC507")]
    public sealed class BoundFanOutTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            interface IClient { Task SendAsync(string item, CancellationToken cancellationToken = default); Task<int> CountAsync(string item); }

            class C
            {
            {{members}}
            }
            """;

        [Fact]
        public Task Unused_results_become_Parallel_ForEachAsync_with_the_token()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                        async Task SendAllAsync(IClient client, IEnumerable<string> items, CancellationToken token)
                        {
                            // one request per item
                            await [|Task.WhenAll(items.Select(async item => await client.SendAsync(item, token)))|];
                        }
                    """),
                Wrap("""
                        async Task SendAllAsync(IClient client, IEnumerable<string> items, CancellationToken token)
                        {
                            // one request per item
                            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = token }, async (item, cancellationToken) => await client.SendAsync(item, token));
                        }
                    """));

        [Fact]
        public async Task Block_body_and_configured_degree()
        {
            var test = new CodeFixTest<BoundFanOutAnalyzer, AsyncAnalyzers.CodeFixes.Design.BoundFanOutCodeFixProvider>
            {
                TestCode = Wrap("""
                        async Task SendAllAsync(IClient client, List<string> items)
                        {
                            await [|Task.WhenAll(items.Select(async item =>
                            {
                                await client.SendAsync(item);
                            }))|].ConfigureAwait(false);
                        }
                    """),
                FixedCode = Wrap("""
                        async Task SendAllAsync(IClient client, List<string> items)
                        {
                            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancellationToken) =>
                            {
                                await client.SendAsync(item);
                            }).ConfigureAwait(false);
                        }
                    """),
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_analyzers.ASYNC507.max_degree_of_parallelism = 8\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task Used_results_are_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task<int[]> CountAllAsync(IClient client, IEnumerable<string> items)
                        => await [|Task.WhenAll(items.Select(async item => await client.CountAsync(item)))|];
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        [Fact]
        public Task Block_bodies_with_a_result_are_reported_without_a_fix()
        {
            var code = Wrap("""
                    async Task CountAllAsync(IClient client, IEnumerable<string> items)
                    {
                        await [|Task.WhenAll(items.Select(async item =>
                        {
                            var n = await client.CountAsync(item);
                            return n * 2;
                        }))|];
                    }
                """);
            return Verify.VerifyCodeFixAsync(code, code);
        }

        // ---- not reported ----

        [Fact]
        public Task Sizes_written_in_the_code_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IClient client)
                    {
                        await Task.WhenAll(new[] { "a", "b" }.Select(async item => await client.SendAsync(item)));
                        await Task.WhenAll(Enumerable.Range(0, 4).Select(async i => await client.SendAsync(i.ToString())));
                    }
                """));

        [Fact]
        public Task Throttled_lambdas_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);

                    async Task RunAsync(IClient client, IEnumerable<string> items)
                    {
                        await Task.WhenAll(items.Select(async item =>
                        {
                            await _gate.WaitAsync();
                            try
                            {
                                await client.SendAsync(item);
                            }
                            finally
                            {
                                _gate.Release();
                            }
                        }));
                    }
                """));

        [Fact]
        public Task Non_async_selectors_and_other_shapes_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IClient client, IEnumerable<string> items, Task first, Task second)
                    {
                        await Task.WhenAll(items.Select(item => client.SendAsync(item)));
                        await Task.WhenAll(first, second);
                        await Task.WhenAll(items.Select(async item => await client.SendAsync(item)).Take(2).ToArray());
                    }
                """));

        [Fact]
        public Task Parallel_ForEachAsync_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                    async Task RunAsync(IClient client, IEnumerable<string> items, CancellationToken token)
                    {
                        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = token }, async (item, ct) => await client.SendAsync(item, ct));
                    }
                """));

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Wrap("    Task M(IClient c, IEnumerable<string> xs) => Task.WhenAll(xs.Select(async x => await c.SendAsync(x)));"));
    }
}
