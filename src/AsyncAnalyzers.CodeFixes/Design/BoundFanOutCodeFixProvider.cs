using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Semantics;
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
        {
            var known = KnownSymbols.Get(model.Compilation);
            return diagnostic.Properties.ContainsKey(BoundFanOutAnalyzer.ResultsUnusedProperty)
                   && Find(root, diagnostic) is { } parts
                   && known.Parallel is { } parallel && parallel.GetMembers("ForEachAsync").Length > 0
                   && known.ParallelOptions is not null && known.Environment is not null && known.CancellationToken is not null
                   && TokenParameterName(parts.Lambda) is not null;
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } parts || TokenParameterName(parts.Lambda) is not { } tokenName)
                {
                    continue;
                }

                var position = parts.WhenAll.SpanStart;
                var options = editor.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(parts.WhenAll.SyntaxTree);
                ExpressionSyntax degree = Options.GetString(options, RuleOptions.FanOutMaxDegree) is { } text && int.TryParse(text.Trim(), out var configured) && configured > 0
                    ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(configured))
                    : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(known.Environment!, position), SyntaxFactory.IdentifierName("ProcessorCount"));

                var initializers = SyntaxFactory.SeparatedList<ExpressionSyntax>().Add(
                    SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("MaxDegreeOfParallelism"), degree));
                if (TokenForwarding.CreateTokenExpression(InScopeToken.Find(editor.SemanticModel, parts.WhenAll, cancellationToken)) is { } token)
                {
                    initializers = initializers.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("CancellationToken"), token));
                }

                var parallelOptions = SyntaxFactory.ObjectCreationExpression(
                    editor.TypeName(known.ParallelOptions!, position).WithLeadingTrivia(SyntaxFactory.Space),
                    null,
                    SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, initializers));

                var item = parts.Lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => simple.Parameter,
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0],
                    _ => null,
                };
                if (item is null)
                {
                    continue;
                }

                var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName));
                if (item.Type is not null)
                {
                    tokenParameter = tokenParameter.WithType(editor.TypeName(known.CancellationToken!, position).WithTrailingTrivia(SyntaxFactory.Space));
                }

                var body = parts.Lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => (CSharpSyntaxNode?)simple.Block ?? simple.ExpressionBody,
                    ParenthesizedLambdaExpressionSyntax parenthesized => (CSharpSyntaxNode?)parenthesized.Block ?? parenthesized.ExpressionBody,
                    _ => null,
                };
                var lambda = SyntaxFactory.ParenthesizedLambdaExpression(
                        SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { item.WithoutTrivia(), tokenParameter })),
                        body!)
                    .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithArrowToken(parts.Lambda.ArrowToken.WithLeadingTrivia(SyntaxFactory.Space));

                var forEach = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(known.Parallel!, position), SyntaxFactory.IdentifierName("ForEachAsync")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Argument(parts.Source.WithoutTrivia()),
                        SyntaxFactory.Argument(parallelOptions),
                        SyntaxFactory.Argument(lambda),
                    }, new[] { CommaSpace(), CommaSpace() })));
                editor.ReplaceNode(parts.WhenAll, forEach.WithTriviaFrom(parts.WhenAll));
            }
        }

        private static SyntaxToken CommaSpace() => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);

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

        /// <summary>A name for the token parameter that nothing in the enclosing function uses, or null.</summary>
        private static string? TokenParameterName(LambdaExpressionSyntax lambda)
        {
            SyntaxNode function = lambda;
            while (function.Parent is { } parent && function is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax))
            {
                function = parent;
            }

            foreach (var candidate in new[] { "cancellationToken", "ct", "token" })
            {
                var used = false;
                foreach (var token in function.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == candidate)
                    {
                        used = true;
                        break;
                    }
                }

                if (!used)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
