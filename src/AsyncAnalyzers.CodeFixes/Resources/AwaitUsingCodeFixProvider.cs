using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Resources
{
    /// <summary>
    /// ASYNC401 fix: <c>using (…)</c> → <c>await using (…)</c>, <c>using var x = …;</c> → <c>await using var x = …;</c>
    /// (the form is kept), and <c>x.Dispose();</c> → <c>await x.DisposeAsync();</c>. In a type whose awaits all use
    /// <c>ConfigureAwait(false)</c>, an expression-form statement becomes <c>await using (x.ConfigureAwait(false))</c>;
    /// declarations stay unconfigured (configuring one needs a second variable, which the fix does not invent).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitUsingCodeFixProvider)), Shared]
    public sealed class AwaitUsingCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AwaitUsing);

        protected override string EquivalenceKey => nameof(AwaitUsingCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic)
            => Form(diagnostic) == AwaitUsingAnalyzer.DisposeCallForm ? "Use 'await DisposeAsync()'" : "Use 'await using'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Find(root, diagnostic) is { } node && AwaitInsertion.CanAwaitAt(node);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            foreach (var diagnostic in diagnostics)
            {
                switch (Find(editor.OriginalRoot, diagnostic))
                {
                    case UsingStatementSyntax statement:
                        var awaited = statement.WithUsingKeyword(statement.UsingKeyword.WithLeadingTrivia())
                            .WithAwaitKeyword(AwaitKeyword(statement.UsingKeyword));
                        if (statement.Expression is { } resource && statement.Declaration is null && ShouldConfigure(editor, statement, cancellationToken))
                        {
                            awaited = awaited.WithExpression(Configure(resource));
                        }

                        editor.ReplaceNode(statement, awaited);
                        break;
                    case LocalDeclarationStatementSyntax declaration:
                        editor.ReplaceNode(declaration, declaration.WithUsingKeyword(declaration.UsingKeyword.WithLeadingTrivia())
                            .WithAwaitKeyword(AwaitKeyword(declaration.UsingKeyword)));
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                        var receiver = access.Expression.WithoutTrivia();
                        if (diagnostic.Properties.ContainsKey(AwaitUsingAnalyzer.ExplicitDisposeAsyncProperty) && known.IAsyncDisposable is { } asyncDisposable)
                        {
                            receiver = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(
                                editor.TypeName(asyncDisposable, invocation.SpanStart),
                                IsPrimary(access.Expression) ? receiver : SyntaxFactory.ParenthesizedExpression(receiver)));
                        }

                        var disposeAsync = SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("DisposeAsync")),
                            SyntaxFactory.ArgumentList());
                        editor.ReplaceNode(invocation, AwaitInsertion.Await(disposeAsync).WithTriviaFrom(invocation));
                        break;
                }
            }
        }

        /// <summary>The using statement, the using declaration, or the <c>x.Dispose()</c> call of an expression statement.</summary>
        private static SyntaxNode? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            if (Form(diagnostic) == AwaitUsingAnalyzer.DisposeCallForm)
            {
                return DiagnosticSyntax.FindInvocation(root, diagnostic) is { Expression: MemberAccessExpressionSyntax, Parent: ExpressionStatementSyntax } invocation
                    ? invocation
                    : null;
            }

            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            return token.IsKind(SyntaxKind.UsingKeyword) && token.Parent is UsingStatementSyntax or LocalDeclarationStatementSyntax ? token.Parent : null;
        }

        private static bool IsPrimary(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                or ThisExpressionSyntax or ParenthesizedExpressionSyntax or GenericNameSyntax;

        private static string? Form(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(AwaitUsingAnalyzer.FormProperty, out var form) ? form : null;

        private static SyntaxToken AwaitKeyword(SyntaxToken usingKeyword)
            => SyntaxFactory.Token(usingKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));

        /// <summary>
        /// The type keeps a <c>ConfigureAwait(false)</c> convention and the <c>ConfigureAwait(IAsyncDisposable, bool)</c>
        /// extension binds here without a new import.
        /// </summary>
        private static bool ShouldConfigure(DocumentFixEditor editor, UsingStatementSyntax statement, CancellationToken cancellationToken)
        {
            if (statement.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type || !ConfigureAwaitConvention.FollowsConvention(type))
            {
                return false;
            }

            foreach (var symbol in editor.SemanticModel.LookupNamespacesAndTypes(statement.SpanStart, name: "TaskAsyncEnumerableExtensions"))
            {
                if (symbol is INamedTypeSymbol { ContainingNamespace.Name: "Tasks" })
                {
                    return true;
                }
            }

            return false;
        }

        private static ExpressionSyntax Configure(ExpressionSyntax resource)
        {
            var target = AwaitInsertion.NeedsParentheses(resource) ? SyntaxFactory.ParenthesizedExpression(resource.WithoutTrivia()) : resource.WithoutTrivia();
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName("ConfigureAwait")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))))
                .WithTriviaFrom(resource);
        }
    }
}
