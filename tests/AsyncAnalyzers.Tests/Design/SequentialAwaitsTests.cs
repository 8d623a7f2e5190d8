using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC506 (off by default): one awaited, independent call per item, one after the other.</summary>
    [Trait("Rule", "ASYNC506")]
    public sealed class SequentialAwaitsTests
    {
        private static string Wrap(string members) => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Order
            {
                public Task SaveAsync() => Task.CompletedTask;

                public ValueTask<int> PriceAsync(CancellationToken cancellationToken) => new ValueTask<int>(1);
            }

            class Sample
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly StreamWriter _log = new StreamWriter(Stream.Null);

            {{members}}
            }
            """;

        /// <summary>The rule switched on (it ships disabled), and ASYNC507 beside it: a fix must satisfy both.</summary>
        private static CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFixProvider> Test(string source, string? fixedSource = null)
        {
            var test = new CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFixProvider>
            {
                TestCode = source,
                AdditionalAnalyzers = { new BoundFanOutAnalyzer() },
            };
            if (fixedSource is not null)
            {
                test.FixedCode = fixedSource;
            }

            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.ASYNC506.severity = suggestion\n"));
            return test;
        }

        [Fact]
        public Task Awaiting_a_call_on_each_item_becomes_a_bounded_Parallel_ForEachAsync()
            => Test(
                Wrap("""
                        async Task SaveAllAsync(List<Order> orders, CancellationToken cancellationToken)
                        {
                            // one at a time
                            [|foreach|] (var order in orders)
                            {
                                await order.SaveAsync();
                            }
                        }
                    """),
                Wrap("""
                        async Task SaveAllAsync(List<Order> orders, CancellationToken cancellationToken)
                        {
                            // one at a time
                            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (order, ct) => await order.SaveAsync());
                        }
                    """)).RunAsync();

        [Fact]
        public Task Static_calls_and_HttpClient_calls_with_the_item_are_independent()
            => Test(
                Wrap("""
                        async Task FetchAsync(IEnumerable<string> urls, IEnumerable<string> paths)
                        {
                            [|foreach|] (string url in urls)
                                await _http.GetStringAsync(url).ConfigureAwait(false);

                            [|foreach|] (var path in paths)
                            {
                                await File.ReadAllTextAsync(path);
                            }
                        }
                    """),
                Wrap("""
                        async Task FetchAsync(IEnumerable<string> urls, IEnumerable<string> paths)
                        {
                            await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (string url, CancellationToken cancellationToken) => await _http.GetStringAsync(url).ConfigureAwait(false));

                            await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (path, cancellationToken) => await File.ReadAllTextAsync(path));
                        }
                    """)).RunAsync();

        [Fact]
        public Task The_configured_degree_of_parallelism_is_used()
        {
            var test = Test(
                Wrap("""
                        async Task SaveAllAsync(Order[] orders)
                        {
                            [|foreach|] (var order in orders)
                            {
                                await order.SaveAsync();
                            }
                        }
                    """),
                Wrap("""
                        async Task SaveAllAsync(Order[] orders)
                        {
                            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (order, cancellationToken) => await order.SaveAsync());
                        }
                    """));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nasync_analyzers.max_degree_of_parallelism = 4\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Collected_results_over_a_written_out_array_become_WhenAll_in_order()
            => Test(
                Wrap("""
                        async Task<List<string>> PagesAsync()
                        {
                            var pages = new List<string>();
                            [|foreach|] (var url in new[] { "a", "b", "c" })
                            {
                                pages.Add(await _http.GetStringAsync(url).ConfigureAwait(false));
                            }

                            return pages;
                        }
                    """).Replace("using System.IO;", "using System.IO;\nusing System.Linq;"),
                Wrap("""
                        async Task<List<string>> PagesAsync()
                        {
                            var pages = new List<string>();
                            pages.AddRange(await Task.WhenAll(new[] { "a", "b", "c" }.Select(url => _http.GetStringAsync(url))).ConfigureAwait(false));

                            return pages;
                        }
                    """).Replace("using System.IO;", "using System.IO;\nusing System.Linq;")).RunAsync();

        [Fact]
        public Task Without_System_Linq_the_fix_imports_it()
            => Test(
                Wrap("""
                        async Task<List<string>> PagesAsync()
                        {
                            var pages = new List<string>();
                            [|foreach|] (var url in new[] { "a", "b" })
                            {
                                pages.Add(await _http.GetStringAsync(url));
                            }

                            return pages;
                        }
                    """),
                Wrap("""
                        async Task<List<string>> PagesAsync()
                        {
                            var pages = new List<string>();
                            pages.AddRange(await Task.WhenAll((new[] { "a", "b" }).Select(url => _http.GetStringAsync(url))));

                            return pages;
                        }
                    """).Replace("using System.IO;", "using System.IO;\nusing System.Linq;")).RunAsync();

        [Fact]
        public Task Collected_results_over_a_sequence_of_unknown_size_are_reported_without_a_fix()
        {
            // Task.WhenAll over them would be ASYNC507's unbounded fan-out; the page shows the SemaphoreSlim shape.
            var code = Wrap("""
                    async Task<List<string>> PagesAsync(IEnumerable<string> urls)
                    {
                        var pages = new List<string>();
                        [|foreach|] (var url in urls)
                        {
                            pages.Add(await _http.GetStringAsync(url));
                        }

                        return pages;
                    }
                """);
            return Test(code, code).RunAsync();
        }

        [Fact]
        public Task ValueTask_calls_in_the_each_shape()
            => Test(
                Wrap("""
                        async Task PriceAllAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken)
                        {
                            [|foreach|] (var order in orders)
                            {
                                await order.PriceAsync(cancellationToken);
                            }
                        }
                    """),
                Wrap("""
                        async Task PriceAllAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken)
                        {
                            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (order, ct) => await order.PriceAsync(cancellationToken));
                        }
                    """)).RunAsync();

        [Fact]
        public Task Net472_has_no_Parallel_ForEachAsync_so_no_fix()
        {
            var code = Wrap("""
                    async Task SaveAllAsync(List<Order> orders)
                    {
                        [|foreach|] (var order in orders)
                        {
                            await order.SaveAsync();
                        }
                    }
                """).Replace("    public ValueTask<int> PriceAsync(CancellationToken cancellationToken) => new ValueTask<int>(1);\n", string.Empty)
                .Replace("using System.Net.Http;\n", string.Empty)
                .Replace("    private readonly HttpClient _http = new HttpClient();\n", string.Empty);
            var test = Test(code, code);
            test.ReferenceAssemblies = ReferenceSet.Net472;
            return test.RunAsync();
        }

        [Fact]
        public async Task Off_by_default()
        {
            // The harness switches every rule on, so this one compiles by hand: silent by default, reported once switched on.
            var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Wrap("""
                    async Task SaveAllAsync(List<Order> orders)
                    {
                        foreach (var order in orders)
                        {
                            await order.SaveAsync();
                        }
                    }
                """));
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "OffByDefault", new[] { tree }, Basic.Reference.Assemblies.Net80.References.All, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var analyzers = System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new SequentialAwaitsAnalyzer());
            Assert.Empty(await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());

            var switchedOn = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                System.Collections.Immutable.ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("ASYNC506", ReportDiagnostic.Info)));
            Assert.Single(await switchedOn.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());
        }

        // ---- not reported ----

        [Fact]
        public Task Calls_on_a_shared_instance_whose_thread_safety_is_unknown()
            => Test(Wrap("""
                    private readonly Store _store = new Store();

                    async Task SaveAllAsync(List<Order> orders)
                    {
                        foreach (var order in orders)
                        {
                            await _store.SaveAsync(order);
                        }
                    }

                    class Store
                    {
                        public Task SaveAsync(Order order) => Task.CompletedTask;
                    }
                """)).RunAsync();

        [Fact]
        public Task Order_bearing_writes_and_teardown()
            => Test(Wrap("""
                    async Task ShutdownAsync(List<IAsyncDisposable> sessions, List<CancellationTokenSource> sources)
                    {
                        foreach (var session in sessions)
                        {
                            await session.DisposeAsync();
                        }

                        foreach (var source in sources)
                        {
                            await source.CancelAsync();
                        }
                    }

                    async Task LogAsync(List<string> lines, string path)
                    {
                        foreach (var line in lines)
                        {
                            await _log.WriteLineAsync(line);
                        }

                        foreach (var line in lines)
                        {
                            await File.AppendAllTextAsync(path, line);
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task Loops_that_do_more_than_one_awaited_call()
            => Test(Wrap("""
                    async Task<int> TotalAsync(List<Order> orders, CancellationToken cancellationToken)
                    {
                        var total = 0;
                        foreach (var order in orders)
                        {
                            total += await order.PriceAsync(cancellationToken);
                        }

                        foreach (var order in orders)
                        {
                            await order.SaveAsync();
                            Console.WriteLine("saved");
                        }

                        foreach (var order in orders)
                        {
                            if (total > 10)
                            {
                                await order.SaveAsync();
                            }
                        }

                        return total;
                    }
                """)).RunAsync();

        [Fact]
        public Task Calls_that_do_not_use_the_item_or_await_inside_their_arguments()
            => Test(Wrap("""
                    async Task PollAsync(List<Order> orders, Order current)
                    {
                        foreach (var order in orders)
                        {
                            await current.SaveAsync();
                        }

                        foreach (var url in new[] { "a" })
                        {
                            await File.WriteAllTextAsync(url, await _http.GetStringAsync(url));
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task Results_from_earlier_iterations_feed_later_ones()
            => Test(Wrap("""
                    async Task<string> ChainAsync(List<string> urls)
                    {
                        var last = "";
                        foreach (var url in urls)
                        {
                            last = await _http.GetStringAsync(url + last);
                        }

                        return last;
                    }
                """)).RunAsync();

        [Fact]
        public Task Await_foreach_and_synchronous_loops()
            => Test(Wrap("""
                    async Task DrainAsync(IAsyncEnumerable<Order> orders, List<Order> list)
                    {
                        await foreach (var order in orders)
                        {
                            await order.SaveAsync();
                        }

                        foreach (var order in list)
                        {
                            _ = order.SaveAsync();
                        }

                        for (var i = 0; i < list.Count; i++)
                        {
                            await list[i].SaveAsync();
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task Results_collected_somewhere_other_than_a_local_list()
            => Test(Wrap("""
                    private readonly List<string> _pages = new List<string>();

                    async Task PagesAsync(List<string> urls, Dictionary<string, string> byUrl)
                    {
                        foreach (var url in urls)
                        {
                            _pages.Add(await _http.GetStringAsync(url));
                        }

                        foreach (var url in urls)
                        {
                            byUrl.Add(url, await _http.GetStringAsync(url));
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task Generated_code()
            => Test("// <auto-generated/>\n" + Wrap("""
                    async Task SaveAllAsync(List<Order> orders)
                    {
                        foreach (var order in orders)
                        {
                            await order.SaveAsync();
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task Lambdas_and_local_functions_follow_the_same_rules()
            => Test(
                Wrap("""
                        Func<List<Order>, Task> SaveAll() => async orders =>
                        {
                            [|foreach|] (var order in orders)
                            {
                                await order.SaveAsync();
                            }
                        };

                        Task Log(List<string> lines)
                        {
                            return Local();

                            async Task Local()
                            {
                                foreach (var line in lines)
                                {
                                    await _log.WriteLineAsync(line);
                                }
                            }
                        }
                    """),
                Wrap("""
                        Func<List<Order>, Task> SaveAll() => async orders =>
                        {
                            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (order, cancellationToken) => await order.SaveAsync());
                        };

                        Task Log(List<string> lines)
                        {
                            return Local();

                            async Task Local()
                            {
                                foreach (var line in lines)
                                {
                                    await _log.WriteLineAsync(line);
                                }
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task A_declared_type_that_converts_the_items_gets_no_fix()
        {
            var code = Wrap("""
                    async Task SaveAllAsync(System.Collections.ArrayList orders)
                    {
                        [|foreach|] (Order order in orders)
                        {
                            await order.SaveAsync();
                        }
                    }
                """);
            return Test(code, code).RunAsync();
        }
    }
}
