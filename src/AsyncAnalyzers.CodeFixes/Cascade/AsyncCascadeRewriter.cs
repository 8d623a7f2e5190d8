using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    /// <summary>Applies a <see cref="CascadePlan"/>: one pass of replacements per document, all documents in one solution change.</summary>
    internal static class AsyncCascadeRewriter
    {
        public static async Task<Solution> ApplyAsync(CascadePlan plan, CancellationToken cancellationToken)
        {
            var solution = plan.Solution;
            var changedRoots = new List<(DocumentId Id, SyntaxNode Root)>();
            foreach (var pair in plan.Documents)
            {
                var document = solution.GetDocument(pair.Key);
                if (document is null)
                {
                    continue;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null)
                {
                    continue;
                }

                var editor = new DocumentFixEditor(document, root, model);
                Rewrite(editor, pair.Value, cancellationToken);
                var changed = await DocumentFixProvider.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
                changedRoots.Add((pair.Key, (await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!));
            }

            foreach (var (id, root) in changedRoots)
            {
                solution = solution.WithDocumentSyntaxRoot(id, root);
            }

            return solution;
        }

        private static void Rewrite(DocumentFixEditor editor, DocumentCascadeEdits edits, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);

            foreach (var pair in edits.Renames)
            {
                var newName = pair.Value;
                editor.ReplaceNode(pair.Key, (current, _) => current is SimpleNameSyntax name
                    ? name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier))
                    : current);
            }

            foreach (var blocking in edits.BlockingToAwait)
            {
                BlockingCallRewriter.Replace(editor, blocking, null, cancellationToken);
            }

            foreach (var task in edits.TasksToAwait)
            {
                editor.ReplaceNode(task, (current, _) => AwaitInsertion.Await((ExpressionSyntax)current));
            }

            foreach (var task in edits.TasksToDiscard)
            {
                if (!edits.TasksToAwait.Contains(task))
                {
                    editor.ReplaceNode(task, (current, _) => AwaitInsertion.Discard((ExpressionSyntax)current));
                }
            }

            foreach (var call in edits.CallsToAwait)
            {
                var parenthesize = AwaitInsertion.NeedsParentheses(call);
                editor.ReplaceNode(call, (current, _) =>
                {
                    var expression = (ExpressionSyntax)current;
                    ExpressionSyntax awaited = AwaitInsertion.Await(expression.WithoutTrivia());
                    return (parenthesize ? SyntaxFactory.ParenthesizedExpression(awaited) : awaited).WithTriviaFrom(expression);
                });
            }

            foreach (var call in edits.CallsToBlock)
            {
                editor.ReplaceNode(call, (current, _) => Block((ExpressionSyntax)current));
            }

            foreach (var pair in edits.Functions)
            {
                var function = pair.Key;
                var change = pair.Value;
                if (change.Kind == FunctionChangeKind.TaskReturning)
                {
                    MakeAsync.Convert(editor, function, cancellationToken);
                    continue;
                }

                var taskType = change.UseValueTask ? known.ValueTask! : known.Task!;
                var taskName = (NameSyntax)editor.TypeName(taskType, function.SpanStart);
                editor.ReplaceNode(function, (current, _) => ConvertSignature(current, change, taskName));
            }
        }

        /// <summary><c>M()</c> → <c>M().GetAwaiter().GetResult()</c>: the boundary keeps blocking, visibly (ASYNC104 reports it).</summary>
        private static ExpressionSyntax Block(ExpressionSyntax call)
        {
            var getAwaiter = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call.WithoutTrivia(), SyntaxFactory.IdentifierName("GetAwaiter")));
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, getAwaiter, SyntaxFactory.IdentifierName("GetResult")))
                .WithTriviaFrom(call);
        }

        private static SyntaxNode ConvertSignature(SyntaxNode function, FunctionChange change, NameSyntax taskName)
        {
            TypeSyntax returnType;
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    returnType = method.ReturnType;
                    break;
                case LocalFunctionStatementSyntax local:
                    returnType = local.ReturnType;
                    break;
                default:
                    return function;
            }

            var isVoid = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
            var valueType = isVoid ? null : returnType.WithoutTrivia();
            TypeSyntax newReturnType = (valueType is null ? taskName : MakeAsync.TaskOf(taskName, valueType)).WithTriviaFrom(returnType);

            var hasBody = MakeAsync.Body(function) != null;
            var result = function;
            if (hasBody && !change.HasAwait)
            {
                result = new WrapReturns(taskName, valueType, change.UseValueTask).Wrap(result, change.EndIsReachable);
            }

            switch (result)
            {
                case MethodDeclarationSyntax method:
                    method = method.WithReturnType(newReturnType);
                    if (change.NewName != null)
                    {
                        method = method.WithIdentifier(SyntaxFactory.Identifier(change.NewName).WithTriviaFrom(method.Identifier));
                    }

                    if (change.AddPrivate)
                    {
                        method = AddPrivate(method);
                    }

                    result = method;
                    break;
                case LocalFunctionStatementSyntax local:
                    local = local.WithReturnType(newReturnType);
                    if (change.NewName != null)
                    {
                        local = local.WithIdentifier(SyntaxFactory.Identifier(change.NewName).WithTriviaFrom(local.Identifier));
                    }

                    result = local;
                    break;
            }

            return hasBody && change.HasAwait ? MakeAsync.AddAsyncModifier(result) : result;
        }

        private static MethodDeclarationSyntax AddPrivate(MethodDeclarationSyntax method)
        {
            var first = method.Modifiers[0];
            var privateKeyword = SyntaxFactory.Token(SyntaxKind.PrivateKeyword).WithLeadingTrivia(first.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space);
            var modifiers = method.Modifiers.Replace(first, first.WithLeadingTrivia()).Insert(0, privateKeyword);
            return method.WithModifiers(modifiers);
        }

        /// <summary>
        /// For a function that becomes task-returning without awaiting anything (an implementation converted with its interface):
        /// <c>return x;</c> → <c>return Task.FromResult&lt;T&gt;(x);</c>, <c>return;</c> → <c>return Task.CompletedTask;</c>, and a final
        /// <c>return Task.CompletedTask;</c> where the end is reachable. No <c>async</c>, so no CS1998.
        /// </summary>
        private sealed class WrapReturns : CSharpSyntaxRewriter
        {
            private readonly NameSyntax _taskName;
            private readonly TypeSyntax? _valueType;
            private readonly bool _valueTask;

            public WrapReturns(NameSyntax taskName, TypeSyntax? valueType, bool valueTask)
            {
                _taskName = taskName;
                _valueType = valueType;
                _valueTask = valueTask;
            }

            public SyntaxNode Wrap(SyntaxNode function, bool endIsReachable)
            {
                switch (function)
                {
                    case MethodDeclarationSyntax { Body: { } body } method:
                        return method.WithBody(WrapBlock(body, endIsReachable));
                    case LocalFunctionStatementSyntax { Body: { } body } local:
                        return local.WithBody(WrapBlock(body, endIsReachable));
                    case MethodDeclarationSyntax { ExpressionBody: { } arrow } method:
                        return WrapArrow(arrow) is { } newArrow
                            ? method.WithExpressionBody(newArrow)
                            : method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow, method.SemicolonToken));
                    case LocalFunctionStatementSyntax { ExpressionBody: { } arrow } local:
                        return WrapArrow(arrow) is { } newLocalArrow
                            ? local.WithExpressionBody(newLocalArrow)
                            : local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow, local.SemicolonToken));
                }

                return function;
            }

            private BlockSyntax WrapBlock(BlockSyntax body, bool endIsReachable)
            {
                var wrapped = (BlockSyntax)Visit(body);
                if (_valueType is null && endIsReachable)
                {
                    wrapped = wrapped.AddStatements(SyntaxFactory.ReturnStatement(Completed()).WithAdditionalAnnotations(Formatter.Annotation));
                }

                return wrapped;
            }

            /// <summary>A non-void arrow wraps its value; a throw stays; a void arrow (null) becomes a block.</summary>
            private ArrowExpressionClauseSyntax? WrapArrow(ArrowExpressionClauseSyntax arrow)
            {
                if (arrow.Expression is ThrowExpressionSyntax)
                {
                    return arrow;
                }

                return _valueType is null ? null : arrow.WithExpression(FromResult(arrow.Expression));
            }

            private BlockSyntax ArrowToBlock(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon)
                => SyntaxFactory.Block(
                        SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()),
                        SyntaxFactory.ReturnStatement(Completed()))
                    .WithTrailingTrivia(semicolon.TrailingTrivia)
                    .WithAdditionalAnnotations(Formatter.Annotation);

            public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
            {
                if (node.Expression is null)
                {
                    return _valueType is null ? node.WithExpression(Completed().WithLeadingTrivia(SyntaxFactory.Space)) : node;
                }

                return node.Expression is ThrowExpressionSyntax ? node : node.WithExpression(FromResult(node.Expression));
            }

            // Nested functions have their own returns.
            public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => node;

            public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => node;

            public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => node;

            public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) => node;

            private ExpressionSyntax FromResult(ExpressionSyntax value)
            {
                var argument = SyntaxFactory.Argument(value.WithoutTrivia());
                var typeArguments = SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(_valueType!));
                ExpressionSyntax wrapped = _valueTask
                    ? SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                        MakeAsync.TaskOf(_taskName, _valueType!),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(argument)),
                        null)
                    : SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, _taskName, SyntaxFactory.GenericName(SyntaxFactory.Identifier("FromResult"), typeArguments)),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
                return wrapped.WithTriviaFrom(value);
            }

            private ExpressionSyntax Completed()
                => _valueTask
                    ? SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression, SyntaxFactory.Token(SyntaxKind.DefaultKeyword))
                    : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, _taskName, SyntaxFactory.IdentifierName("CompletedTask"));
        }
    }
}
