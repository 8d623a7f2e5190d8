using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Unobserved;
using AsyncAnalyzers.Tests.Verifiers;
using AsyncAnalyzers.Unobserved;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>
    /// ASYNC201 <c>preferred_fix</c>: tools that apply the first fix they find (<c>dotnet format</c>) must get the cascade
    /// when the team asks for it, so '_ =' steps aside wherever the cascade can start — and only there.
    /// </summary>
    [Trait("Rule", "ASYNC201")]
    public sealed class UnobservedTaskPreferredFixTests
    {
        private static Task RunAsync(string preferred, string code, string fixedCode)
        {
            var test = new CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFixProvider> { TestCode = code, FixedCode = fixedCode };
            if (preferred.Length > 0)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + preferred + "\n"));
            }

            return test.RunAsync();
        }

        private const string PrivateMethod = """
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    [|SaveAsync()|];
                }
            }
            """;

        private const string PrivateMethodDiscarded = """
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    _ = SaveAsync();
                }
            }
            """;

        [Fact]
        public Task Cascade_preferred_and_possible_no_discard_offered()
            => RunAsync("async_analyzers.ASYNC201.preferred_fix = cascade", PrivateMethod, PrivateMethod);

        [Fact]
        public Task Cascade_preferred_through_the_global_key()
            => RunAsync("async_analyzers.preferred_fix = Cascade", PrivateMethod, PrivateMethod);

        [Fact]
        public Task Discard_preferred_explicitly_keeps_the_discard()
            => RunAsync("async_analyzers.ASYNC201.preferred_fix = discard", PrivateMethod, PrivateMethodDiscarded);

        [Fact]
        public Task No_preference_keeps_the_discard()
            => RunAsync(string.Empty, PrivateMethod, PrivateMethodDiscarded);

        [Fact]
        public Task Unreadable_preference_keeps_the_discard()
            => RunAsync("async_analyzers.ASYNC201.preferred_fix = first", PrivateMethod, PrivateMethodDiscarded);

        [Fact]
        public Task Cascade_preferred_but_impossible_in_a_constructor_keeps_the_discard()
            => RunAsync(
                "async_analyzers.ASYNC201.preferred_fix = cascade",
                """
                using System.Threading.Tasks;

                class C
                {
                    static Task WarmUpAsync() => Task.CompletedTask;

                    C()
                    {
                        [|WarmUpAsync()|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    static Task WarmUpAsync() => Task.CompletedTask;

                    C()
                    {
                        _ = WarmUpAsync();
                    }
                }
                """);

        [Fact]
        public Task Cascade_preferred_but_impossible_in_a_property_keeps_the_discard()
            => RunAsync(
                "async_analyzers.ASYNC201.preferred_fix = cascade",
                """
                using System.Threading.Tasks;

                class C
                {
                    Task SaveAsync() => Task.CompletedTask;

                    int Value
                    {
                        set { [|SaveAsync()|]; }
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    Task SaveAsync() => Task.CompletedTask;

                    int Value
                    {
                        set { _ = SaveAsync(); }
                    }
                }
                """);

        [Fact]
        public Task Async_code_keeps_the_await_fix_whatever_the_preference()
            => RunAsync(
                "async_analyzers.ASYNC201.preferred_fix = cascade",
                """
                using System.Threading.Tasks;

                class C
                {
                    Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync(C? other)
                    {
                        await Task.Yield();
                        [|other?.SaveAsync()|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync(C? other)
                    {
                        await Task.Yield();
                        await (other?.SaveAsync() ?? Task.CompletedTask);
                    }
                }
                """);
    }
}
