using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>What our adapter adds to the official harness, each hook proven by a case that must fail without it.</summary>
    public sealed class VerifierSelfTests
    {
        private const string AsyncSleep = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    Thread.Sleep(100);
                    await Task.Yield();
                }
            }
            """;

        private const string AsyncSleepMarked = """
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
            """;

        private const string AsyncSleepFixed = """
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
            """;

        private static async Task<string> FailureOf(Func<Task> verification)
        {
            var exception = await Assert.ThrowsAnyAsync<Exception>(verification);
            return exception.ToString();
        }

        [Fact]
        public async Task Correct_expectation_passes()
        {
            await CSharpCodeFixVerifier<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>.VerifyCodeFixAsync(AsyncSleepMarked, AsyncSleepFixed);
        }

        [Fact]
        public async Task Wrong_expectation_fails_and_names_the_reference_set()
        {
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(AsyncSleep));
            Assert.Contains("On net10.0 references", message);
            Assert.Contains("ASYNC101", message);
        }

        [Fact]
        public async Task Every_case_runs_on_net10_and_then_on_net8()
        {
            // System.Threading.Lock exists from .NET 9 on: the same source passes on net10.0 and fails on net8.0.
            const string UsesLock = """
                class C
                {
                    private readonly System.Threading.Lock _gate = new();
                }
                """;
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(UsesLock));
            Assert.Contains("On net8.0 references", message);
            Assert.Contains("CS0234", message);

            var seen = new List<ReferenceSet>();
            var test = new RecordingTest(seen) { TestCode = AsyncSleepMarked };
            await test.RunAsync();
            Assert.Equal(new[] { ReferenceSet.Net100, ReferenceSet.Net80 }, seen.Distinct());
        }

        [Fact]
        public async Task A_named_reference_set_runs_alone_and_offline()
        {
            var seen = new List<ReferenceSet>();
            var test = new RecordingTest(seen) { TestCode = AsyncSleepMarked, ReferenceAssemblies = ReferenceSet.NetStandard20 };
            await test.RunAsync();
            Assert.Equal(new[] { ReferenceSet.NetStandard20 }, seen.Distinct());

            // What the harness resolves names no package, so nothing is downloaded at test time.
            foreach (var set in Enum.GetValues<ReferenceSet>())
            {
                var official = ReferenceSets.ForHarness(set);
                Assert.Null(official.ReferenceAssemblyPackage);
                Assert.Empty(official.Packages);
                Assert.NotEmpty(ReferenceSets.Get(set));
            }
        }

        [Fact]
        public async Task Fix_whose_built_tree_binds_differently_from_its_text_fails()
        {
            // The text "_ = Task.Delay(100);" compiles, but a hand-made identifier "_" is not a discard token.
            var fixedText = AsyncSleepFixed.Replace("await Task.Delay(100);", "_ = Task.Delay(100);", StringComparison.Ordinal);
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, FakeDiscardFix>.VerifyCodeFixAsync(AsyncSleepMarked, fixedText));
            Assert.Contains("has compiler errors that its text does not", message);
            Assert.Contains("CS0103", message);
        }

        [Fact]
        public async Task Code_action_without_equivalence_key_fails()
        {
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, NullKeyFix>.VerifyCodeFixAsync(AsyncSleepMarked, AsyncSleepFixed));
            Assert.Contains("no equivalence key", message);
        }

        [Fact]
        public async Task Top_level_statements_compile_as_a_console_app()
        {
            const string TopLevel = """
                using System.Threading;
                using System.Threading.Tasks;

                [|Thread.Sleep(1)|];
                await Task.Yield();
                """;
            await CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(TopLevel);

            // Forced to a library, the same source is an error: the hook is what makes it a program.
            var library = new AnalyzerTest<BlockingSleepAnalyzer> { TestCode = TopLevel, OutputKind = OutputKind.DynamicallyLinkedLibrary };
            var message = await FailureOf(() => library.RunAsync());
            Assert.Contains("CS8805", message);
        }

        [Fact]
        public void Diagnostic_by_id_takes_the_first_of_two_descriptors()
        {
            var descriptors = new AsyncAnalyzers.Blocking.SyncOverAsyncAnalyzer().SupportedDiagnostics;
            Assert.True(descriptors.Count(d => d.Id == DiagnosticIds.SyncOverAsync) >= 2, "ASYNC104 has a second descriptor for Main");
            var result = CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.SyncOverAsyncAnalyzer>.Diagnostic(DiagnosticIds.SyncOverAsync);
            Assert.Equal(DiagnosticIds.SyncOverAsync, result.Id);
            Assert.Equal(descriptors.First(d => d.Id == DiagnosticIds.SyncOverAsync).MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), result.MessageFormat?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Throws<ArgumentException>(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.Diagnostic("ASYNC999"));
        }

        /// <summary>Records the reference set of every run.</summary>
        private sealed class RecordingTest : AnalyzerTest<BlockingSleepAnalyzer>
        {
            private readonly List<ReferenceSet> _seen;

            public RecordingTest(List<ReferenceSet> seen) => _seen = seen;

            protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
            {
                _seen.Add(CurrentReferenceSet);
                return base.CreateCompilationWithAnalyzers(compilation, analyzers, options, cancellationToken);
            }
        }

        /// <summary>Writes a discard with an identifier token instead of the parser's underscore token.</summary>
        private sealed class FakeDiscardFix : CodeFixProvider
        {
            public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.BlockingSleep);

            public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

            public override async Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken);
                var node = (ExpressionSyntax)root!.FindNode(context.Diagnostics[0].Location.SourceSpan);
                var discard = SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    SyntaxFactory.IdentifierName("_").WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.ParseExpression("Task.Delay(100)")).WithTriviaFrom(node);
                context.RegisterCodeFix(
                    CodeAction.Create("discard", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, discard))), "discard"),
                    context.Diagnostics);
            }
        }

        /// <summary>The real fix, but offered without an equivalence key.</summary>
        private sealed class NullKeyFix : CodeFixProvider
        {
            private readonly BlockingSleepCodeFixProvider _inner = new BlockingSleepCodeFixProvider();

            public override ImmutableArray<string> FixableDiagnosticIds => _inner.FixableDiagnosticIds;

            public override FixAllProvider? GetFixAllProvider() => _inner.GetFixAllProvider();

            public override async Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                var document = context.Document;
                var root = await document.GetSyntaxRootAsync(context.CancellationToken);
                var node = root!.FindNode(context.Diagnostics[0].Location.SourceSpan);
                var replacement = SyntaxFactory.ParseExpression("await Task.Delay(100)").WithTriviaFrom(node);
                context.RegisterCodeFix(
                    CodeAction.Create("no key", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(node, replacement))), equivalenceKey: null),
                    context.Diagnostics);
            }
        }

    }
}
