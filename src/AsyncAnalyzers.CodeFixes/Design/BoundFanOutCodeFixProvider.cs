using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC507 fix, where the results are not used: <c>await Task.WhenAll(items.Select(async item => …));</c> →
    /// <c>await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = N, CancellationToken = token },
    /// async (item, cancellationToken) => …);</c> with N from <c>max_degree_of_parallelism</c> (default
    /// <c>Environment.ProcessorCount</c>) and the in-scope token. Needs Parallel.ForEachAsync (.NET 6+).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BoundFanOutCodeFixProvider)), Shared]
    public sealed class BoundFanOutCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BoundFanOut);

        protected override string EquivalenceKey => nameof(BoundFanOutCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Use Parallel.ForEachAsync with a bounded degree of parallelism";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(BoundFanOutAnalyzer.ResultsUnusedProperty)
               && Find(root, diagnostic) is { } parts
               && ParallelForEachSyntax.IsAvailable(KnownSymbols.Get(model.Compilation))
               && ParallelForEachSyntax.TokenParameterName(model, parts.WhenAll, parts.Lambda.Body) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } parts
                    || ParallelForEachSyntax.TokenParameterName(editor.SemanticModel, parts.WhenAll, parts.Lambda.Body) is not { } tokenName)
                {
                    continue;
                }

                var item = parts.Lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => simple.Parameter,
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0],
                    _ => null,
                };
                var body = parts.Lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => (CSharpSyntaxNode?)simple.Block ?? simple.ExpressionBody,
                    ParenthesizedLambdaExpressionSyntax parenthesized => (CSharpSyntaxNode?)parenthesized.Block ?? parenthesized.ExpressionBody,
                    _ => null,
                };
                if (item is null || body is null)
                {
                    continue;
                }

                var forEach = ParallelForEachSyntax.Create(editor, parts.WhenAll, parts.Source, item, body, tokenName, parts.Lambda.ArrowToken, RuleOptions.FanOutMaxDegree, cancellationToken);
                editor.ReplaceNode(parts.WhenAll, forEach.WithTriviaFrom(parts.WhenAll));
            }
        }

        private sealed class Parts
        {
            public Parts(InvocationExpressionSyntax whenAll, ExpressionSyntax source, LambdaExpressionSyntax lambda)
            {
                WhenAll = whenAll;
                Source = source;
                Lambda = lambda;
            }

            public InvocationExpressionSyntax WhenAll { get; }

            public ExpressionSyntax Source { get; }

            public LambdaExpressionSyntax Lambda { get; }
        }

        /// <summary><c>Task.WhenAll(source.Select(async x => …))</c> (the extension form only).</summary>
        private static Parts? Find(SyntaxNode root, Diagnostic diagnostic)
            => DiagnosticSyntax.FindInvocation(root, diagnostic) is { ArgumentList.Arguments.Count: 1 } whenAll
               && whenAll.ArgumentList.Arguments[0].Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Select" } selectAccess } select
               && select.ArgumentList.Arguments.Count == 1
               && select.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword } lambda
                ? new Parts(whenAll, selectAccess.Expression, lambda)
                : null;
    }
}
