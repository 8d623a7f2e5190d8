using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>
    /// ASYNC204 fixes, in an async context and as a statement:
    /// <c>list.ForEach(async x =&gt; …)</c> → <c>foreach (var x in list) { … }</c> (a <c>return;</c> of the lambda becomes
    /// <c>continue;</c>), and <c>Parallel.ForEach(source, async x =&gt; …)</c> →
    /// <c>await Parallel.ForEachAsync(source[, token], async (x, cancellationToken) =&gt; …)</c> where the framework has it.
    /// Other conversions have no mechanical fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidLambdaCodeFixProvider)), Shared]
    public sealed class AsyncVoidLambdaCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncVoidLambda);

        protected override string EquivalenceKey => nameof(AsyncVoidLambdaCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Await each item";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Analyze(root, model, diagnostic, cancellationToken) != null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (Analyze(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } site)
                {
                    continue;
                }

                if (site.IsListForEach)
                {
                    editor.ReplaceNode(site.Statement, BuildForEach(site));
                }
                else
                {
                    editor.ReplaceNode(site.Statement, BuildParallelForEachAsync(editor, site, diagnostic, cancellationToken));
                }
            }
        }

        private sealed class Site
        {
            public Site(ExpressionStatementSyntax statement, InvocationExpressionSyntax invocation, LambdaExpressionSyntax lambda, bool isListForEach)
            {
                Statement = statement;
                Invocation = invocation;
                Lambda = lambda;
                IsListForEach = isListForEach;
            }

            public ExpressionStatementSyntax Statement { get; }

            public InvocationExpressionSyntax Invocation { get; }

            public LambdaExpressionSyntax Lambda { get; }

            public bool IsListForEach { get; }
        }

        private static Site? Analyze(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var lambda = node.AncestorsAndSelf().OfType<LambdaExpressionSyntax>().FirstOrDefault(l => l.SpanStart == diagnostic.Location.SourceSpan.Start);
            if (lambda is null || Parameters(lambda).Count != 1
                || lambda.Parent is not ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
                || invocation.Parent is not ExpressionStatementSyntax statement
                || !AwaitInsertion.CanAwaitAt(statement)
                || !IsInAsyncFunction(model, statement, cancellationToken))
            {
                return null;
            }

            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            var known = KnownSymbols.Get(model.Compilation);
            if (method.Name == "ForEach" && !method.IsStatic && KnownSymbols.Is(method.ContainingType.OriginalDefinition, known.ListOfT)
                && !HasReturnInsideNestedLoop(lambda)
                && invocation.Expression is MemberAccessExpressionSyntax && invocation.ArgumentList.Arguments.Count == 1)
            {
                return new Site(statement, invocation, lambda, isListForEach: true);
            }

            if (method.Name == "ForEach" && method.IsStatic && KnownSymbols.Is(method.ContainingType, known.Parallel)
                && invocation.ArgumentList.Arguments.Count == 2 && method.Parameters.Length == 2
                && known.Parallel!.GetMembers("ForEachAsync").Length > 0
                && invocation.Expression is MemberAccessExpressionSyntax)
            {
                return new Site(statement, invocation, lambda, isListForEach: false);
            }

            return null;
        }

        /// <summary>A <c>return;</c> inside a loop of the lambda body cannot become <c>continue;</c> (it would continue the inner loop).</summary>
        private static bool HasReturnInsideNestedLoop(LambdaExpressionSyntax lambda)
        {
            if (lambda.Block is null)
            {
                return false;
            }

            foreach (var statement in lambda.Block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax).OfType<ReturnStatementSyntax>())
            {
                for (var current = statement.Parent; current != null && current != lambda.Block; current = current.Parent)
                {
                    if (current is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsInAsyncFunction(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
            => model.GetEnclosingSymbol(node.SpanStart, cancellationToken) is IMethodSymbol { IsAsync: true };

        private static SeparatedSyntaxList<ParameterSyntax> Parameters(LambdaExpressionSyntax lambda)
            => lambda switch
            {
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.SingletonSeparatedList(simple.Parameter),
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters,
                _ => default,
            };

        private static StatementSyntax BuildForEach(Site site)
        {
            var parameter = Parameters(site.Lambda)[0];
            var type = parameter.Type ?? SyntaxFactory.IdentifierName("var");
            var receiver = ((MemberAccessExpressionSyntax)site.Invocation.Expression).Expression;

            BlockSyntax body;
            if (site.Lambda.Block is { } block)
            {
                body = (BlockSyntax)new ReturnToContinue().Visit(block)!;
            }
            else
            {
                body = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(site.Lambda.ExpressionBody!.WithoutTrivia()));
            }

            var loop = SyntaxFactory.ForEachStatement(
                type.WithoutTrivia(),
                parameter.Identifier.WithoutTrivia(),
                receiver.WithoutTrivia(),
                body);
            return loop.WithTriviaFrom(site.Statement).WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static StatementSyntax BuildParallelForEachAsync(DocumentFixEditor editor, Site site, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var model = editor.SemanticModel;
            var parameter = Parameters(site.Lambda)[0];
            var tokenName = UniqueName(model, site.Lambda.SpanStart, "cancellationToken");
            var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName));
            if (parameter.Type != null && KnownSymbols.Get(model.Compilation).CancellationToken is { } tokenType)
            {
                tokenParameter = tokenParameter.WithType((TypeSyntax)editor.TypeName(tokenType, site.Lambda.SpanStart)).WithLeadingTrivia(SyntaxFactory.Space);
            }

            var newLambda = SyntaxFactory.ParenthesizedLambdaExpression(
                    SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { parameter.WithoutTrivia(), tokenParameter })),
                    site.Lambda.Block,
                    site.Lambda.ExpressionBody)
                .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword));

            var arguments = new List<ArgumentSyntax> { site.Invocation.ArgumentList.Arguments[0] };
            var scopeToken = TokenForwarding.CreateTokenExpression(diagnostic);
            if (scopeToken != null)
            {
                arguments.Add(SyntaxFactory.Argument(scopeToken));
            }

            arguments.Add(SyntaxFactory.Argument(newLambda));
            var access = (MemberAccessExpressionSyntax)site.Invocation.Expression;
            var call = SyntaxFactory.InvocationExpression(
                access.WithName(SyntaxFactory.IdentifierName("ForEachAsync")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(call))
                .WithTriviaFrom(site.Statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static string UniqueName(SemanticModel model, int position, string baseName)
        {
            var name = baseName;
            for (var i = 1; model.LookupSymbols(position, name: name).Length > 0; i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        /// <summary>Inside the loop body a lambda's <c>return;</c> means "next item": <c>continue;</c> (not in nested functions).</summary>
        private sealed class ReturnToContinue : CSharpSyntaxRewriter
        {
            public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
                => node.Expression is null
                    ? SyntaxFactory.ContinueStatement().WithTriviaFrom(node)
                    : node;

            public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => node;

            public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => node;

            public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => node;

            public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) => node;
        }
    }
}
