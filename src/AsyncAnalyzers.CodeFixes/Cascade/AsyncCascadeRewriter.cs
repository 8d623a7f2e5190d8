using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
                result = new TaskReturns(taskName, valueType, change.UseValueTask).Wrap(result, change.EndIsReachable);
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
    }
}
