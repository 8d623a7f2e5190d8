using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC504 fix: adds <c>TaskCreationOptions.RunContinuationsAsynchronously</c> — as a new argument (after the state
    /// object, if any; named when the other arguments are), or combined with the constant options already passed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RunContinuationsAsynchronouslyCodeFixProvider)), Shared]
    public sealed class RunContinuationsAsynchronouslyCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RunContinuationsAsynchronously);

        protected override string EquivalenceKey => nameof(RunContinuationsAsynchronouslyCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Add TaskCreationOptions.RunContinuationsAsynchronously";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Find(root, diagnostic) is not null && KnownSymbols.Get(model.Compilation).TaskCreationOptions is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var optionsType = KnownSymbols.Get(editor.SemanticModel.Compilation).TaskCreationOptions!;
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } creation)
                {
                    continue;
                }

                var flag = SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    editor.TypeExpression(optionsType, creation.SpanStart),
                    SyntaxFactory.IdentifierName("RunContinuationsAsynchronously"));

                if (diagnostic.Properties.ContainsKey(RunContinuationsAsynchronouslyAnalyzer.HasOptionsProperty)
                    && OptionsArgument(editor.SemanticModel, creation, optionsType, cancellationToken) is { } existing)
                {
                    var left = existing.Expression is ConditionalExpressionSyntax or AssignmentExpressionSyntax or LambdaExpressionSyntax
                        ? SyntaxFactory.ParenthesizedExpression(existing.Expression.WithoutTrivia())
                        : existing.Expression.WithoutTrivia();
                    var combined = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, left.WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.Token(SyntaxKind.BarToken).WithTrailingTrivia(SyntaxFactory.Space), flag);
                    editor.ReplaceNode(existing.Expression, combined.WithTriviaFrom(existing.Expression));
                    continue;
                }

                var list = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
                var named = list.Arguments.Count > 0 && list.Arguments[0].NameColon is not null;
                var argument = SyntaxFactory.Argument(flag);
                if (named)
                {
                    argument = argument.WithNameColon(SyntaxFactory.NameColon("creationOptions"));
                }

                var newList = AwaitInsertion.AppendArgument(list, argument);
                SyntaxNode replacement = creation switch
                {
                    ObjectCreationExpressionSyntax explicitCreation when explicitCreation.ArgumentList is null
                        => explicitCreation.WithType(explicitCreation.Type.WithoutTrailingTrivia()).WithArgumentList(newList.WithTrailingTrivia(explicitCreation.Type.GetTrailingTrivia())),
                    ObjectCreationExpressionSyntax explicitCreation => explicitCreation.WithArgumentList(newList),
                    ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.WithArgumentList(newList),
                    _ => creation,
                };
                editor.ReplaceNode(creation, replacement);
            }
        }

        private static BaseObjectCreationExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
            => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as BaseObjectCreationExpressionSyntax;

        private static ArgumentSyntax? OptionsArgument(SemanticModel model, BaseObjectCreationExpressionSyntax creation, INamedTypeSymbol optionsType, CancellationToken cancellationToken)
        {
            if (model.GetOperation(creation, cancellationToken) is IObjectCreationOperation operation)
            {
                foreach (var argument in operation.Arguments)
                {
                    if (KnownSymbols.Is(argument.Parameter?.Type, optionsType) && argument.Syntax is ArgumentSyntax syntax)
                    {
                        return syntax;
                    }
                }
            }

            return null;
        }
    }
}
