using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>The verifier must fail when an expectation is wrong: each test here feeds it one wrong expectation.</summary>
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
            var exception = await Assert.ThrowsAsync<VerifierException>(verification);
            return exception.Message;
        }

        [Fact]
        public async Task Correct_expectation_passes()
        {
            await CSharpCodeFixVerifier<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>.VerifyCodeFixAsync(AsyncSleepMarked, AsyncSleepFixed);
        }

        [Fact]
        public async Task Missing_diagnostic_fails()
        {
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                """
                using System.Threading;

                class C
                {
                    void M() => [|Thread.Sleep(1)|];
                }
                """));
            Assert.Contains("Expected but not reported", message);
            Assert.Contains("ASYNC101", message);
        }

        [Fact]
        public async Task Unexpected_diagnostic_fails_and_shows_the_line()
        {
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(AsyncSleep));
            Assert.Contains("Reported but not expected", message);
            Assert.Contains("(8,9)-(8,26)", message);
            Assert.Contains("Thread.Sleep(100);", message);
        }

        [Fact]
        public async Task Misplaced_diagnostic_fails()
        {
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                AsyncSleep.Replace("Thread.Sleep(100)", "[|Thread.Sleep|](100)", StringComparison.Ordinal)));
            Assert.Contains("Expected but not reported", message);
            Assert.Contains("Reported but not expected", message);
        }

        [Fact]
        public async Task Explicit_location_and_message_are_compared()
        {
            await CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                AsyncSleep,
                CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.Diagnostic().WithSpan(8, 9, 8, 26).WithArguments());

            var wrongLine = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                AsyncSleep,
                CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.Diagnostic().WithLocation(9, 9)));
            Assert.Contains("(9,9)", wrongLine);

            var wrongMessage = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                AsyncSleep,
                CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.Diagnostic().WithLocation(8, 9).WithMessage("some other message")));
            Assert.Contains("some other message", wrongMessage);
        }

        [Fact]
        public async Task Wrong_severity_fails()
        {
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(
                AsyncSleep,
                CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.Diagnostic().WithLocation(8, 9).WithSeverity(DiagnosticSeverity.Error)));
            Assert.Contains("[Error]", message);
        }

        [Fact]
        public async Task Wrong_fixed_text_fails_with_a_line_diff()
        {
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>.VerifyCodeFixAsync(
                AsyncSleepMarked,
                AsyncSleepFixed.Replace("Task.Delay(100)", "Task.Delay(200)", StringComparison.Ordinal)));
            Assert.Contains("differs from the expected text", message);
            Assert.Contains("expected:         await Task.Delay(200);", message);
            Assert.Contains("actual:           await Task.Delay(100);", message);
        }

        [Fact]
        public async Task Fix_that_does_not_compile_fails()
        {
            var broken = AsyncSleepFixed.Replace("await Task.Delay(100)", "Thread.Sleeep(100)", StringComparison.Ordinal);
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, MisspellingFix>.VerifyCodeFixAsync(AsyncSleepMarked, broken));
            Assert.Contains("CS0117", message);
            Assert.Contains("the fixed source", message);
        }

        [Fact]
        public async Task Fix_whose_built_tree_binds_differently_from_its_text_fails()
        {
            // The text "_ = Task.Delay(100);" compiles, but a hand-made identifier "_" is not a discard token.
            var fixedText = AsyncSleepFixed.Replace("await Task.Delay(100);", "_ = Task.Delay(100);", StringComparison.Ordinal);
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, FakeDiscardFix>.VerifyCodeFixAsync(AsyncSleepMarked, fixedText));
            Assert.Contains("syntax trees the fix built", message);
            Assert.Contains("CS0103", message);
        }

        [Fact]
        public async Task Throwing_analyzer_fails_with_AD0001()
        {
            var message = await FailureOf(() => CSharpAnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync(AsyncSleep));
            Assert.Contains("AD0001", message);
            Assert.Contains("deliberate failure", message);
        }

        [Fact]
        public async Task Code_action_without_equivalence_key_fails()
        {
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, NullKeyFix>.VerifyCodeFixAsync(AsyncSleepMarked, AsyncSleepFixed));
            Assert.Contains("no equivalence key", message);
        }

        [Fact]
        public async Task Fix_all_that_differs_from_single_fixes_fails()
        {
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, DivergentFixAll>.VerifyCodeFixAsync(AsyncSleepMarked, AsyncSleepFixed));
            Assert.Contains("Fix All in Document scope", message);
        }

        [Fact]
        public async Task Expected_fix_that_is_not_offered_fails()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                TestCode = AsyncSleepMarked.Replace("[|Thread.Sleep(100)|];", "lock (this) { [|Thread.Sleep(100)|]; }", StringComparison.Ordinal),
                FixedCode = AsyncSleepFixed.Replace("await Task.Delay(100);", "lock (this) { await Task.Delay(100); }", StringComparison.Ordinal),
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            var message = await FailureOf(() => test.RunAsync());
            Assert.Contains("differs from the expected text", message);
        }

        [Fact]
        public async Task Fix_offered_where_none_is_expected_fails()
        {
            var message = await FailureOf(() => CSharpCodeFixVerifier<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>.VerifyCodeFixAsync(AsyncSleepMarked, AsyncSleepMarked));
            Assert.Contains("no fix was expected", message);
        }

        [Fact]
        public async Task Undeclared_compiler_error_fails_and_a_declared_one_passes()
        {
            const string Broken = """
                class C
                {
                    int M() => {|CS0103:missing|};
                }
                """;
            await CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(Broken);
            var message = await FailureOf(() => CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.VerifyAnalyzerAsync(Broken.Replace("{|CS0103:missing|}", "missing", StringComparison.Ordinal)));
            Assert.Contains("CS0103", message);
        }

        [Fact]
        public async Task Unknown_location_marker_fails()
        {
            var test = new AnalyzerTest<BlockingSleepAnalyzer> { TestCode = AsyncSleep };
            test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<BlockingSleepAnalyzer>.Diagnostic().WithLocation(3));
            var message = await FailureOf(() => test.RunAsync());
            Assert.Contains("{|#3:…|}", message);
        }

        [Fact]
        public async Task Multi_project_solutions_are_analyzed_and_fixed_in_every_project()
        {
            var library = new ProjectState();
            library.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                namespace Lib
                {
                    public static class Helper
                    {
                        public static async Task WaitAsync()
                        {
                            [|Thread.Sleep(5)|];
                            await Task.Yield();
                        }
                    }
                }
                """);
            var libraryFixed = new ProjectState();
            libraryFixed.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                namespace Lib
                {
                    public static class Helper
                    {
                        public static async Task WaitAsync()
                        {
                            await Task.Delay(5);
                            await Task.Yield();
                        }
                    }
                }
                """);
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                TestCode = AsyncSleepMarked.Replace("await Task.Yield();", "await Lib.Helper.WaitAsync();", StringComparison.Ordinal),
                FixedCode = AsyncSleepFixed.Replace("await Task.Yield();", "await Lib.Helper.WaitAsync();", StringComparison.Ordinal),
            };
            test.TestState.AdditionalProjects["Library"] = library;
            test.TestState.AdditionalProjectReferences.Add("Library");
            test.FixedState.AdditionalProjects["Library"] = libraryFixed;
            await test.RunAsync();

            // And an unfixed library diagnostic is noticed.
            var wrong = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                TestCode = AsyncSleepMarked.Replace("await Task.Yield();", "await Lib.Helper.WaitAsync();", StringComparison.Ordinal),
                FixedCode = AsyncSleepFixed.Replace("await Task.Yield();", "await Lib.Helper.WaitAsync();", StringComparison.Ordinal),
            };
            wrong.TestState.AdditionalProjects["Library"] = library;
            wrong.TestState.AdditionalProjectReferences.Add("Library");
            var message = await FailureOf(() => wrong.RunAsync());
            Assert.Contains("/Library/Test0.cs", message);
        }

        [Fact]
        public void Markup_parses_nested_named_and_marker_spans()
        {
            var (text, spans) = TestMarkup.Parse("a[|b{|X1:c{|#0:d|}|}|]e");
            Assert.Equal("abcde", text);
            Assert.Equal(3, spans.Count);
            Assert.Equal(new MarkupSpan(TextSpan.FromBounds(1, 4), null, null), spans[0]);
            Assert.Equal(new MarkupSpan(TextSpan.FromBounds(2, 4), "X1", null), spans[1]);
            Assert.Equal(new MarkupSpan(TextSpan.FromBounds(3, 4), null, 0), spans[2]);
        }

        [Theory]
        [InlineData("a[|b")]
        [InlineData("a{|b")]
        [InlineData("a[|b|}")]
        public void Malformed_markup_fails(string markup)
            => Assert.Throws<VerifierException>(() => TestMarkup.Parse(markup));

        /// <summary>Reports like ASYNC101 and then throws: the verifier must surface AD0001.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.BlockingSleep);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("deliberate failure"), SyntaxKind.InvocationExpression);
            }
        }

        /// <summary>A fix that writes code which does not compile.</summary>
        private sealed class MisspellingFix : CodeFixProvider
        {
            public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.BlockingSleep);

            public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

            public override async Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken);
                var node = root!.FindNode(context.Diagnostics[0].Location.SourceSpan);
                var replacement = SyntaxFactory.ParseExpression("Thread.Sleeep(100)").WithTriviaFrom(node);
                context.RegisterCodeFix(
                    CodeAction.Create("misspell", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement))), "misspell"),
                    context.Diagnostics);
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

        /// <summary>Correct single fixes, but a Fix All that writes something else.</summary>
        private sealed class DivergentFixAll : CodeFixProvider
        {
            private readonly BlockingSleepCodeFixProvider _inner = new BlockingSleepCodeFixProvider();

            public override ImmutableArray<string> FixableDiagnosticIds => _inner.FixableDiagnosticIds;

            public override Task RegisterCodeFixesAsync(CodeFixContext context) => _inner.RegisterCodeFixesAsync(context);

            public override FixAllProvider? GetFixAllProvider()
                => FixAllProvider.Create(async (context, document, diagnostics) =>
                {
                    var root = await document.GetSyntaxRootAsync(context.CancellationToken);
                    var node = root!.FindNode(diagnostics[0].Location.SourceSpan);
                    var replacement = SyntaxFactory.ParseExpression("await Task.Delay(1)").WithTriviaFrom(node);
                    return document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
                });
        }
    }
}
