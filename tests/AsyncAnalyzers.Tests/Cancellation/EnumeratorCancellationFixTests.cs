using System.Threading.Tasks;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Cancellation;
using AsyncAnalyzers.Tests.Verifiers;

namespace AsyncAnalyzers.Tests.Cancellation
{
    /// <summary>The CS8425 code fix (the compiler reports, we fix): add [EnumeratorCancellation].</summary>
    [Trait("Rule", "CS8425")]
    public sealed class EnumeratorCancellationFixTests
    {
        private static CodeFixTest<AsyncIteratorCancellationAnalyzer, EnumeratorCancellationCodeFixProvider> Test(string source, string fixedSource)
            => new CodeFixTest<AsyncIteratorCancellationAnalyzer, EnumeratorCancellationCodeFixProvider>
            {
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
                TestCode = source,
                FixedCode = fixedSource,
            };

        [Fact]
        public Task Single_token_parameter_gets_the_attribute_and_the_using()
            => Test(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> {|CS8425:Numbers|}(int count, CancellationToken token)
                    {
                        for (var i = 0; i < count; i++) { await Task.Delay(1, token); yield return i; }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Numbers(int count, [EnumeratorCancellation] CancellationToken token)
                    {
                        for (var i = 0; i < count; i++) { await Task.Delay(1, token); yield return i; }
                    }
                }
                """).RunAsync();

        [Fact]
        public Task With_two_token_parameters_one_action_per_parameter_is_offered()
        {
            const string Source = """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> {|CS8425:Numbers|}(CancellationToken shutdown, CancellationToken request = default)
                    {
                        await Task.Delay(1, shutdown);
                        await Task.Delay(1, request);
                        yield return 1;
                    }
                }
                """;
            var test = Test(Source, Source.Replace("{|CS8425:Numbers|}", "Numbers").Replace("CancellationToken request", "[EnumeratorCancellation] CancellationToken request"));
            test.CodeActionEquivalenceKey = "AddEnumeratorCancellation:request";
            return test.RunAsync();
        }

        [Fact]
        public Task The_first_action_targets_the_first_token_parameter()
        {
            const string Source = """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> {|CS8425:Numbers|}(CancellationToken shutdown, CancellationToken request = default)
                    {
                        await Task.Delay(1, shutdown);
                        await Task.Delay(1, request);
                        yield return 1;
                    }
                }
                """;
            var test = Test(Source, Source.Replace("{|CS8425:Numbers|}", "Numbers").Replace("(CancellationToken shutdown", "([EnumeratorCancellation] CancellationToken shutdown"));
            test.CodeActionIndex = 0;
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_all_applies_to_every_iterator_in_the_document()
            => Test(
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> {|CS8425:A|}(CancellationToken ct) { await Task.Delay(1, ct); yield return 1; }
                    async IAsyncEnumerable<int> {|CS8425:B|}(CancellationToken ct) { await Task.Delay(1, ct); yield return 2; }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> A([EnumeratorCancellation] CancellationToken ct) { await Task.Delay(1, ct); yield return 1; }
                    async IAsyncEnumerable<int> B([EnumeratorCancellation] CancellationToken ct) { await Task.Delay(1, ct); yield return 2; }
                }
                """).RunAsync();

        [Fact]
        public Task Decorated_iterators_have_no_CS8425_and_no_fix()
        {
            const string Source = """
                using System.Collections.Generic;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> A([EnumeratorCancellation] CancellationToken ct) { await Task.Delay(1, ct); yield return 1; }
                }
                """;
            return Test(Source, Source).RunAsync();
        }
    }
}
