using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.LazyTaskSequenceAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.LazyTaskSequenceCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC206: lazy sequences of tasks.</summary>
    [Trait("Rule", "ASYNC206")]
    public sealed class LazyTaskSequenceTests
    {
        private static string Wrap(string body) => $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                Task<int> FetchAsync(int id) => Task.FromResult(id);

                async Task M(int[] ids)
                {
            {{body}}
                }
            }
            """;

        private static DiagnosticResult Twice(int marker, string name) => Verify.Diagnostic().WithLocation(marker).WithArguments(name, "that is enumerated more than once");

        private static DiagnosticResult Never(int marker, string name) => Verify.Diagnostic().WithLocation(marker).WithArguments(name, "that is never enumerated, so no task ever starts");

        [Fact]
        public Task Query_awaited_then_read_again_is_materialised()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            var {|#0:tasks = ids.Select(id => FetchAsync(id))|};
                            await Task.WhenAll(tasks);
                            var first = tasks.First().Result;
                    """),
                Twice(0, "tasks"),
                Wrap("""
                            var tasks = ids.Select(id => FetchAsync(id)).ToArray();
                            await Task.WhenAll(tasks);
                            var first = tasks.First().Result;
                    """));

        [Fact]
        public Task Async_lambda_query_enumerated_twice_is_materialised()
            => Verify.VerifyCodeFixAsync(
                Wrap("""
                            IEnumerable<Task<int>> {|#0:pending = ids.Select(async id => await FetchAsync(id) + 1)|};
                            await Task.WhenAll(pending);
                            foreach (var p in pending) { Console.WriteLine(await p); }
                    """),
                Twice(0, "pending"),
                Wrap("""
                            IEnumerable<Task<int>> pending = ids.Select(async id => await FetchAsync(id) + 1).ToArray();
                            await Task.WhenAll(pending);
                            foreach (var p in pending) { Console.WriteLine(await p); }
                    """));

        [Fact]
        public Task Query_never_enumerated_is_reported()
            => Verify.VerifyCodeFixAsync(
                Wrap("        var {|#0:started = ids.Where(i => i > 0).Select(FetchAsync)|};\n        await Task.Yield();"),
                Never(0, "started"),
                Wrap("        var started = ids.Where(i => i > 0).Select(FetchAsync).ToArray();\n        await Task.Yield();"));

        [Fact]
        public Task Query_read_inside_a_loop_is_reported()
            => Verify.VerifyAnalyzerAsync(
                Wrap("        var {|#0:tasks = ids.Select(FetchAsync)|};\n        for (var i = 0; i < 2; i++) { await Task.WhenAll(tasks); }"),
                Twice(0, "tasks"));

        [Fact]
        public Task Missing_System_Linq_using_is_added_for_ToArray()
            => Verify.VerifyCodeFixAsync(
                """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(int[] ids)
                        {
                            var {|#0:tasks = System.Linq.Enumerable.Select(ids, id => Task.FromResult(id))|};
                            await Task.WhenAll(tasks);
                            await Task.WhenAll(tasks);
                        }
                    }

                    """,
                Twice(0, "tasks"),
                """
                    using System.Linq;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(int[] ids)
                        {
                            var tasks = System.Linq.Enumerable.Select(ids, id => Task.FromResult(id)).ToArray();
                            await Task.WhenAll(tasks);
                            await Task.WhenAll(tasks);
                        }
                    }

                    """);

        [Fact]
        public Task Query_captured_by_a_lambda_is_reported()
            => Verify.VerifyAnalyzerAsync(
                Wrap("""
                            var {|#0:tasks = ids.Select(FetchAsync)|};
                            Func<Task> again = () => Task.WhenAll(tasks);
                            await again();
                    """),
                Twice(0, "tasks"));

        [Fact]
        public Task Single_WhenAll_over_the_query_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var tasks = ids.Select(FetchAsync);\n        var results = await Task.WhenAll(tasks);"));

        [Fact]
        public Task Single_foreach_awaiting_each_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("        var tasks = ids.Select(FetchAsync);\n        foreach (var t in tasks) { await t; }"));

        [Fact]
        public Task Materialised_sequences_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var array = ids.Select(FetchAsync).ToArray();
                        var list = ids.Select(FetchAsync).ToList();
                        await Task.WhenAll(array);
                        await Task.WhenAll(list);
                        await Task.WhenAll(array);
                """));

        [Fact]
        public Task Queries_over_non_tasks_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var doubled = ids.Select(i => i * 2);
                        Console.WriteLine(doubled.Sum() + doubled.Count());
                        await Task.Yield();
                """));

        [Fact]
        public Task Sequences_not_built_by_LINQ_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        IEnumerable<Task<int>> given = new List<Task<int>> { FetchAsync(1) };
                        await Task.WhenAll(given);
                        await Task.WhenAll(given);
                """));

        [Fact]
        public Task Reassigned_query_is_not_counted()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var tasks = ids.Select(FetchAsync);
                        tasks = tasks.ToArray();
                        await Task.WhenAll(tasks);
                        await Task.WhenAll(tasks);
                """));

        [Fact]
        public Task Single_materialisation_later_is_not_reported()
            => Verify.VerifyAnalyzerAsync(Wrap("""
                        var tasks = ids.Select(FetchAsync);
                        var all = tasks.ToList();
                        await Task.WhenAll(all);
                        await Task.WhenAll(all);
                """));
    }
}
