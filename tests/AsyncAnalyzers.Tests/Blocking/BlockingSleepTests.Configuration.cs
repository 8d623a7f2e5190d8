using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Robustness;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.Tests.Blocking
{
    // ASYNC101: severity configuration, older frameworks and language versions.
    public sealed partial class BlockingSleepTests
    {
        [Theory]
        [InlineData(ReferenceSet.Net100)]
        [InlineData(ReferenceSet.Net80)]
        public async Task Severity_is_configurable_in_editorconfig(ReferenceSet references)
        {
            // The official harness pins each rule's severity in the compilation options, and there an .editorconfig
            // 'error' does not win; so this runs on a project as a build sees it: sources plus the .editorconfig.
            var project = Harness.CreateProject(
                new[]
                {
                    ("/0/Test0.cs", """
                        using System.Threading;
                        using System.Threading.Tasks;

                        class C
                        {
                            async Task M()
                            {
                                Thread.Sleep(1);
                                await Task.Yield();
                            }
                        }
                        """),
                },
                references,
                analyzerConfigs: new[] { ("/.editorconfig", """
                    root = true

                    [*.cs]
                    dotnet_diagnostic.ASYNC101.severity = error

                    """) });
            var (diagnostics, exceptions) = await Harness.AnalyzeAsync(project);
            Assert.Empty(exceptions);
            var sleep = Assert.Single(diagnostics, d => d.Id == DiagnosticIds.BlockingSleep);
            Assert.Equal(DiagnosticSeverity.Error, sleep.Severity);
            Assert.Equal(7, sleep.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public async Task Rule_can_be_turned_off_in_editorconfig()
        {
            var test = new AnalyzerTest<BlockingSleepAnalyzer>
            {
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M()
                        {
                            Thread.Sleep(1);
                            await Task.Yield();
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                dotnet_diagnostic.ASYNC101.severity = none

                """));
            await test.RunAsync();
        }

        [Theory]
        [InlineData(ReferenceSet.NetStandard20)]
        [InlineData(ReferenceSet.Net472)]
        public async Task Older_frameworks_are_analyzed_and_fixed(ReferenceSet references)
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                ReferenceAssemblies = references,
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(CancellationToken ct)
                        {
                            [|Thread.Sleep(1)|];
                            await Task.Yield();
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(CancellationToken ct)
                        {
                            await Task.Delay(1, ct);
                            await Task.Yield();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task Language_version_7_3_async_code_is_analyzed_and_fixed()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                LanguageVersion = LanguageVersion.CSharp7_3,
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M()
                        {
                            [|Thread.Sleep(1)|];
                            await Task.Yield();
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M()
                        {
                            await Task.Delay(1);
                            await Task.Yield();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }
    }
}
