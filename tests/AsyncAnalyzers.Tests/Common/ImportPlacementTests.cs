using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Unobserved;
using AsyncAnalyzers.Tests.Verifiers;
using AsyncAnalyzers.Unobserved;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.AsyncVoidMethodAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.AsyncVoidMethodCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Common
{
    /// <summary>
    /// A fix that needs a using directive adds it as the IDE does (Roslyn's ImportAdder): where the file keeps its usings,
    /// as <c>csharp_using_directive_placement</c> asks in a file without any, and in sorted order. ASYNC203's fix
    /// (<c>async void</c> → <c>async Task</c>) is the probe: the file does not import System.Threading.Tasks.
    /// </summary>
    public sealed class ImportPlacementTests
    {
        private static async Task RunAsync(string source, string fixedSource, string? editorConfig = null)
        {
            var test = new CodeFixTest<AsyncVoidMethodAnalyzer, AsyncVoidMethodCodeFixProvider>
            {
                TestCode = source,
                FixedCode = fixedSource,
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Run"));
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
            }

            await test.RunAsync();
        }

        [Fact]
        public Task Using_goes_inside_the_namespace_when_the_file_keeps_its_usings_there()
            => RunAsync(
                """
                namespace App
                {
                    using System;
                    using System.Threading;

                    class C
                    {
                        async void {|#0:Run|}()
                        {
                            await System.Threading.Tasks.Task.Delay(1, CancellationToken.None);
                            Console.WriteLine();
                        }
                    }
                }
                """,
                """
                namespace App
                {
                    using System;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task Run()
                        {
                            await System.Threading.Tasks.Task.Delay(1, CancellationToken.None);
                            Console.WriteLine();
                        }
                    }
                }
                """);

        [Fact]
        public Task Using_goes_inside_the_namespace_when_the_option_says_so_and_the_file_has_none()
            => RunAsync(
                """
                namespace App
                {
                    class C
                    {
                        async void {|#0:Run|}()
                        {
                            await System.Threading.Tasks.Task.Yield();
                        }
                    }
                }
                """,
                """
                namespace App
                {
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task Run()
                        {
                            await System.Threading.Tasks.Task.Yield();
                        }
                    }
                }
                """,
                "csharp_using_directive_placement = inside_namespace");

        [Fact]
        public Task Using_goes_to_the_top_by_default_and_keeps_the_file_header_above_it()
            => RunAsync(
                """
                // Copyright header.

                namespace App
                {
                    class C
                    {
                        async void {|#0:Run|}()
                        {
                            await System.Threading.Tasks.Task.Yield();
                        }
                    }
                }
                """,
                """
                // Copyright header.

                using System.Threading.Tasks;

                namespace App
                {
                    class C
                    {
                        async Task Run()
                        {
                            await System.Threading.Tasks.Task.Yield();
                        }
                    }
                }
                """);

        [Fact]
        public Task Using_is_sorted_among_the_existing_ones()
            => RunAsync(
                """
                using System;
                using System.Threading;
                using Zeta;

                namespace Zeta { class Z { } }

                class C
                {
                    async void {|#0:Run|}()
                    {
                        await System.Threading.Tasks.Task.Delay(1, CancellationToken.None);
                        Console.WriteLine(typeof(Z));
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Zeta;

                namespace Zeta { class Z { } }

                class C
                {
                    async Task Run()
                    {
                        await System.Threading.Tasks.Task.Delay(1, CancellationToken.None);
                        Console.WriteLine(typeof(Z));
                    }
                }
                """);
    }
}
