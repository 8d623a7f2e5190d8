using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// <c>Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = N, CancellationToken = token },
    /// async (item, cancellationToken) => body)</c>, the bounded fan-out both ASYNC506 and ASYNC507 rewrite to: N from
    /// <c>max_degree_of_parallelism</c> (default <c>Environment.ProcessorCount</c>), the token the site has in scope.
    /// </summary>
    internal static class ParallelForEachSyntax
    {
        /// <summary>Whether the compilation has Parallel.ForEachAsync (.NET 6+) and what the call needs.</summary>
        public static bool IsAvailable(KnownSymbols known)
            => known.Parallel is { } parallel && parallel.GetMembers("ForEachAsync").Length > 0
               && known.ParallelOptions is not null && known.Environment is not null && known.CancellationToken is not null;

        /// <param name="maxDegree">The rule's <c>max_degree_of_parallelism</c> key.</param>
        /// <param name="arrow">The lambda arrow to keep (its trailing trivia lays out the body), or default for a new one.</param>
        public static InvocationExpressionSyntax Create(
            DocumentFixEditor editor, SyntaxNode site, ExpressionSyntax source, ParameterSyntax item, CSharpSyntaxNode body, string tokenName, SyntaxToken arrow, OptionKey maxDegree, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            var position = site.SpanStart;
            var options = editor.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(site.SyntaxTree);
            ExpressionSyntax degree = Options.GetString(options, maxDegree) is { } text && int.TryParse(text.Trim(), out var configured) && configured > 0
                ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(configured))
                : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(known.Environment!, position), SyntaxFactory.IdentifierName("ProcessorCount"));

            var initializers = SyntaxFactory.SeparatedList<ExpressionSyntax>().Add(
                SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("MaxDegreeOfParallelism"), degree));
            if (TokenForwarding.CreateTokenExpression(InScopeToken.Find(editor.SemanticModel, site, cancellationToken)) is { } token)
            {
                initializers = initializers.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("CancellationToken"), token));
            }

            var parallelOptions = SyntaxFactory.ObjectCreationExpression(
                editor.TypeName(known.ParallelOptions!, position).WithLeadingTrivia(SyntaxFactory.Space),
                null,
                SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, initializers));

            var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName));
            if (item.Type is not null)
            {
                tokenParameter = tokenParameter.WithType(editor.TypeName(known.CancellationToken!, position).WithTrailingTrivia(SyntaxFactory.Space));
            }

            var lambda = SyntaxFactory.ParenthesizedLambdaExpression(
                    SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { item.WithoutTrivia(), tokenParameter })),
                    body)
                .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithArrowToken((arrow.IsKind(SyntaxKind.EqualsGreaterThanToken) ? arrow : SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithLeadingTrivia(SyntaxFactory.Space));

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(known.Parallel!, position), SyntaxFactory.IdentifierName("ForEachAsync")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(source.WithoutTrivia()),
                    SyntaxFactory.Argument(parallelOptions),
                    SyntaxFactory.Argument(lambda),
                }, new[] { CommaSpace(), CommaSpace() })));
        }

        /// <summary>
        /// A name for the lambda's token parameter: no local or parameter of that name is in scope at <paramref name="site"/>
        /// (CS0136), and <paramref name="body"/>, which moves into the lambda, does not mention it (it would bind to the new
        /// parameter). Null when the three candidates are taken.
        /// </summary>
        public static string? TokenParameterName(SemanticModel model, SyntaxNode site, SyntaxNode body)
        {
            foreach (var candidate in new[] { "cancellationToken", "ct", "token" })
            {
                var taken = false;
                foreach (var symbol in model.LookupSymbols(site.SpanStart, name: candidate))
                {
                    if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol)
                    {
                        taken = true;
                        break;
                    }
                }

                foreach (var token in body.DescendantTokens())
                {
                    if (taken || (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == candidate))
                    {
                        taken = true;
                        break;
                    }
                }

                if (!taken)
                {
                    return candidate;
                }
            }

            return null;
        }

        private static SyntaxToken CommaSpace() => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
    }
}
