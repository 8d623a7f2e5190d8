using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC601 fix: appends <c>.ConfigureAwait(false)</c> to the awaited value, the <c>await foreach</c> collection or the
    /// <c>await using</c> expression. A declaration (<c>await using var x = e;</c>, <c>await using (var x = e)</c>) cannot take
    /// it in place — the local would become the ConfiguredAsyncDisposable wrapper — so the resource gets its own declaration
    /// and the using configures it: <c>var x = e; await using var configuredX = x.ConfigureAwait(false);</c>. That split is
    /// offered only for one declarator whose value is never null (a <c>new</c>, or not-null flow state): a null resource is
    /// skipped by <c>await using</c> but not by its configured wrapper.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConfigureAwaitCodeFixProvider)), Shared]
    public sealed class ConfigureAwaitCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConfigureAwait);

        protected override string EquivalenceKey => nameof(ConfigureAwaitCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Add ConfigureAwait(false)";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent switch
            {
                AwaitExpressionSyntax => true,
                CommonForEachStatementSyntax => true,
                UsingStatementSyntax { Expression: not null } => true,
                UsingStatementSyntax { Declaration: { } declaration } @using => SplitName(model, @using, declaration, cancellationToken) is not null,
                LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } local => SplitName(model, local, local.Declaration, cancellationToken) is not null,
                _ => false,
            };

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                switch (editor.OriginalRoot.FindToken(diagnostic.Location.SourceSpan.Start).Parent)
                {
                    case AwaitExpressionSyntax await:
                        editor.ReplaceNode(await.Expression, (current, _) => Configure((ExpressionSyntax)current));
                        break;
                    case CommonForEachStatementSyntax loop:
                        editor.ReplaceNode(loop.Expression, (current, _) => Configure((ExpressionSyntax)current));
                        break;
                    case UsingStatementSyntax { Expression: { } expression }:
                        editor.ReplaceNode(expression, (current, _) => Configure((ExpressionSyntax)current));
                        break;
                    case UsingStatementSyntax { Declaration: { } declaration } @using
                        when SplitName(editor.SemanticModel, @using, declaration, cancellationToken) is { }:
                        var variable = declaration.Variables[0];
                        editor.InsertBefore(@using, new[] { Declare(declaration, @using, editor.EndOfLine) });
                        editor.ReplaceNode(@using, @using
                            .WithDeclaration(null)
                            .WithExpression(Configure(SyntaxFactory.IdentifierName(variable.Identifier.WithoutTrivia())))
                            .WithLeadingTrivia(@using.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                            .WithAdditionalAnnotations(Formatter.Annotation));
                        break;
                    case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } local
                        when SplitName(editor.SemanticModel, local, local.Declaration, cancellationToken) is { } name:
                        var resource = local.Declaration.Variables[0];
                        editor.InsertBefore(local, new[] { Declare(local.Declaration, local, editor.EndOfLine) });
                        var configured = SyntaxFactory.VariableDeclaration(
                            SyntaxFactory.IdentifierName("var"),
                            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(
                                SyntaxFactory.Identifier(name),
                                null,
                                SyntaxFactory.EqualsValueClause(Configure(SyntaxFactory.IdentifierName(resource.Identifier.WithoutTrivia()))))));
                        editor.ReplaceNode(local, local
                            .WithDeclaration(configured)
                            .WithLeadingTrivia(local.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                            .WithAdditionalAnnotations(Formatter.Annotation));
                        break;
                }
            }
        }

        /// <summary><c>e.ConfigureAwait(false)</c>, parenthesising <c>e</c> unless it is a primary expression.</summary>
        private static ExpressionSyntax Configure(ExpressionSyntax expression)
        {
            var receiver = expression.WithoutTrivia();
            if (receiver is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseObjectCreationExpressionSyntax
                or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }))
            {
                receiver = SyntaxFactory.ParenthesizedExpression(receiver);
            }

            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ConfigureAwait")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))))
                .WithTriviaFrom(expression);
        }

        /// <summary>The resource's own declaration, placed before the using (its comments and blank lines come along).</summary>
        private static LocalDeclarationStatementSyntax Declare(VariableDeclarationSyntax declaration, StatementSyntax statement, SyntaxTrivia endOfLine)
            => SyntaxFactory.LocalDeclarationStatement(declaration.WithoutTrivia())
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(endOfLine)
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>
        /// For a declaration that must be split: the name of the configured wrapper (<c>configuredX</c>, numbered if taken), or
        /// null when the split is not safe — several declarators, a value that may be null, or no block to declare in.
        /// </summary>
        private static string? SplitName(SemanticModel model, StatementSyntax statement, VariableDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            if (declaration.Variables.Count != 1 || declaration.Variables[0].Initializer?.Value is not { } value
                || statement.Parent is not (BlockSyntax or SwitchSectionSyntax)
                || (value is not BaseObjectCreationExpressionSyntax
                    && model.GetTypeInfo(value, cancellationToken).Nullability.FlowState != NullableFlowState.NotNull))
            {
                return null;
            }

            var identifier = declaration.Variables[0].Identifier.ValueText;
            var baseName = "configured" + char.ToUpperInvariant(identifier[0]) + identifier.Substring(1);
            var scope = statement.Parent!;
            for (var i = 1; i < 100; i++)
            {
                var candidate = i == 1 ? baseName : baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (model.LookupSymbols(statement.SpanStart, name: candidate).IsEmpty && !Mentions(scope, candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static bool Mentions(SyntaxNode scope, string name)
        {
            foreach (var token in scope.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
