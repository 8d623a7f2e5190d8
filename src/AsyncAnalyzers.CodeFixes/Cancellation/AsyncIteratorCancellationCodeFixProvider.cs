using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>
    /// ASYNC301 fix: adds <c>[EnumeratorCancellation] CancellationToken cancellationToken = default</c> as the last parameter
    /// (a non-clashing name; the usings it needs), and forwards it to every call and <c>await foreach</c> in the iterator that
    /// accepts a token (the same detection as ASYNC302). Not offered when the last parameter is a params array.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncIteratorCancellationCodeFixProvider)), Shared]
    public sealed class AsyncIteratorCancellationCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncIteratorWithoutCancellation);

        protected override string EquivalenceKey => nameof(AsyncIteratorCancellationCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Add an [EnumeratorCancellation] token parameter";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(model.Compilation);
            return Find(root, diagnostic) is { } declaration
                   && ParameterList(declaration) is { } parameters
                   && (parameters.Parameters.Count == 0 || !parameters.Parameters.Last().Modifiers.Any(SyntaxKind.ParamsKeyword))
                   && Body(declaration) != null
                   && known.EnumeratorCancellationAttribute != null
                   && known.CancellationToken != null;
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var model = editor.SemanticModel;
            var known = KnownSymbols.Get(model.Compilation);
            var acceptance = TokenAcceptance.Get(model.Compilation);
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } declaration || Body(declaration) is not { } body)
                {
                    continue;
                }

                var name = UniqueName(declaration, "cancellationToken");
                var token = SyntaxFactory.IdentifierName(name);

                // Forward the new token inside the iterator's own body (not nested functions).
                foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
                {
                    switch (node)
                    {
                        case InvocationExpressionSyntax invocation when model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                                                                      && !ForwardCancellationTokenAnalyzer.IsCleanup(operation, operation.SemanticModel!.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)!):
                            var result = acceptance.Find(operation);
                            if (result.Kind != TokenAcceptanceKind.None)
                            {
                                editor.ReplaceNode(invocation, (current, _) => current is InvocationExpressionSyntax call
                                    ? TokenForwarding.AppendToken(call, token, result.ParameterName, result.NeedsNamedArgument)
                                    : current);
                            }

                            break;

                        case ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } loop
                            when model.GetOperation(loop, cancellationToken) is IForEachLoopOperation loopOperation
                                 && acceptance.ForAsyncForEach(loopOperation, out _, out _) == AsyncForEachTokenNeed.WithCancellation:
                            editor.ReplaceNode(loop.Expression, (current, _) => TokenForwarding.WithCancellation((ExpressionSyntax)current, token));
                            break;
                    }
                }

                var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
                    .WithAttributeLists(SyntaxFactory.SingletonList(SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.Attribute(AttributeName(editor.TypeName(known.EnumeratorCancellationAttribute!, declaration.SpanStart)))))
                        .WithTrailingTrivia(SyntaxFactory.Space)))
                    .WithType(((TypeSyntax)editor.TypeName(known.CancellationToken!, declaration.SpanStart)).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithDefault(SyntaxFactory.EqualsValueClause(
                        SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression)));
                var list = ParameterList(declaration)!;
                editor.ReplaceNode(list, (current, _) =>
                {
                    var parameters = (ParameterListSyntax)current;
                    if (parameters.Parameters.Count == 0)
                    {
                        return parameters.WithParameters(SyntaxFactory.SingletonSeparatedList(parameter));
                    }

                    var items = parameters.Parameters.GetWithSeparators();
                    items = items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space)).Add(parameter);
                    return parameters.WithParameters(SyntaxFactory.SeparatedList<ParameterSyntax>(items));
                });
            }
        }

        private static NameSyntax AttributeName(ExpressionSyntax typeName)
        {
            const string Suffix = "Attribute";
            return typeName switch
            {
                IdentifierNameSyntax identifier when identifier.Identifier.ValueText.EndsWith(Suffix, System.StringComparison.Ordinal)
                    => SyntaxFactory.IdentifierName(identifier.Identifier.ValueText.Substring(0, identifier.Identifier.ValueText.Length - Suffix.Length)),
                NameSyntax name => name,
                _ => SyntaxFactory.ParseName(typeName.ToString()),
            };
        }

        private static string UniqueName(SyntaxNode declaration, string baseName)
        {
            var used = new HashSet<string>(declaration.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            var name = baseName;
            for (var i = 1; used.Contains(name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        private static SyntaxNode? Find(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is { } parent && parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax ? parent : null;

        private static ParameterListSyntax? ParameterList(SyntaxNode declaration)
            => declaration switch
            {
                MethodDeclarationSyntax method => method.ParameterList,
                LocalFunctionStatementSyntax local => local.ParameterList,
                _ => null,
            };

        private static SyntaxNode? Body(SyntaxNode declaration)
            => declaration switch
            {
                MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };
    }
}
