using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Infrastructure;
using AsyncAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>
    /// ASYNC304 fix: <c>catch (Exception ex)</c> → <c>catch (Exception ex) when (ex is not OperationCanceledException)</c>
    /// (introducing the variable for <c>catch (Exception)</c> and a bare <c>catch</c>; <c>!(ex is …)</c> before C# 9).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoNotSwallowCancellationCodeFixProvider)), Shared]
    public sealed class DoNotSwallowCancellationCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DoNotSwallowCancellation);

        protected override string EquivalenceKey => nameof(DoNotSwallowCancellationCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Let cancellation through ('when (ex is not OperationCanceledException)')";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(model.Compilation);
            return Find(root, diagnostic) is { Filter: null } && known.Exception != null && known.OperationCanceledException != null;
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            var patterns = ((CSharpParseOptions)editor.OriginalRoot.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp9;
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } clause)
                {
                    continue;
                }

                var declaration = clause.Declaration;
                string name;
                if (declaration is { Identifier.RawKind: not 0 })
                {
                    name = declaration.Identifier.ValueText;
                }
                else
                {
                    name = UniqueName(editor.SemanticModel, clause, "ex");
                    var type = declaration?.Type ?? editor.TypeName(known.Exception!, clause.SpanStart);
                    declaration = SyntaxFactory.CatchDeclaration(type.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.Identifier(name))
                        .WithOpenParenToken(SyntaxFactory.Token(SyntaxKind.OpenParenToken))
                        .WithLeadingTrivia(SyntaxFactory.Space);
                }

                // The parser reads "ex is not X" as a constant pattern (X an expression) and "ex is X" with X a type.
                var canceledPattern = editor.TypeExpression(known.OperationCanceledException!, clause.SpanStart);
                var canceledType = editor.TypeName(known.OperationCanceledException!, clause.SpanStart);
                var variable = SyntaxFactory.IdentifierName(name);
                ExpressionSyntax condition = patterns
                    ? SyntaxFactory.IsPatternExpression(
                        variable.WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.Token(SyntaxKind.IsKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.UnaryPattern(SyntaxFactory.Token(SyntaxKind.NotKeyword).WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.ConstantPattern(canceledPattern)))
                    : SyntaxFactory.PrefixUnaryExpression(
                        SyntaxKind.LogicalNotExpression,
                        SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(
                            SyntaxKind.IsExpression,
                            variable.WithTrailingTrivia(SyntaxFactory.Space),
                            SyntaxFactory.Token(SyntaxKind.IsKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                            canceledType)));
                var filter = SyntaxFactory.CatchFilterClause(
                        SyntaxFactory.Token(SyntaxKind.WhenKeyword).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.Token(SyntaxKind.OpenParenToken),
                        condition,
                        SyntaxFactory.Token(SyntaxKind.CloseParenToken));

                var trailing = (clause.Declaration?.GetTrailingTrivia() ?? clause.CatchKeyword.TrailingTrivia);
                var newDeclaration = declaration!.WithTrailingTrivia();
                var updated = clause
                    .WithCatchKeyword(clause.CatchKeyword.WithTrailingTrivia())
                    .WithDeclaration(clause.Declaration is null ? newDeclaration : newDeclaration.WithLeadingTrivia(clause.Declaration.GetLeadingTrivia()))
                    .WithFilter(filter.WithTrailingTrivia(trailing));
                if (clause.Declaration != null)
                {
                    updated = updated.WithCatchKeyword(clause.CatchKeyword);
                }

                editor.ReplaceNode(clause, updated);
            }
        }

        private static string UniqueName(SemanticModel model, CatchClauseSyntax clause, string baseName)
        {
            var used = clause.Block.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToImmutableHashSet();
            var name = baseName;
            for (var i = 1; used.Contains(name) || model.LookupSymbols(clause.Block.SpanStart, name: name).Length > 0; i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        private static CatchClauseSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as CatchClauseSyntax;
    }
}
