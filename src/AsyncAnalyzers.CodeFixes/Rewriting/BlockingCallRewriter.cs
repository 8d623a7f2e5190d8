using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.CodeFixes.Rewriting
{
    /// <summary>
    /// Rewrites a blocking call on a task (the analyzers have already checked its meaning) to <c>await</c>:
    /// <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c> (ConfigureAwait kept),
    /// <c>Task.WaitAll(a, b)</c> → <c>await Task.WhenAll(a, b)</c>; parenthesised where the result is used as a primary.
    /// </summary>
    public static class BlockingCallRewriter
    {
        /// <summary>The expression at <paramref name="span"/> that a blocking rewrite replaces, or null.</summary>
        public static ExpressionSyntax? FindBlockingExpression(SyntaxNode root, TextSpan span)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            for (var current = node; current != null && current.Span == span; current = current.Parent)
            {
                if (current is ExpressionSyntax expression && TryCreateAwait(expression, parenthesize: false) != null)
                {
                    return expression;
                }
            }

            return null;
        }

        /// <summary>
        /// <paramref name="node"/> as a blocking call that an await replaces with the same meaning, where an await can be
        /// written (once its function is async), or null: what the analyzers report, minus proven-complete tasks,
        /// expression trees, shapes without an await form and positions where the compiler forbids await.
        /// </summary>
        internal static ExpressionSyntax? AsAwaitable(SemanticModel model, SyntaxNode node, KnownSymbols known, CancellationToken cancellationToken)
        {
            if (node is not (MemberAccessExpressionSyntax or InvocationExpressionSyntax)
                || model.GetOperation(node, cancellationToken) is not { } operation
                || !BlockingTaskCalls.TryMatch(operation, known, out var call)
                || !call.HasAwaitRewrite
                || OperationTree.IsInExpressionTreeOrNameof(operation, known)
                || (call.Task != null && TaskCompletion.IsProvenComplete(call.Task, known))
                || node is not ExpressionSyntax expression
                || TryCreateAwait(expression, parenthesize: false) is null
                || !AwaitInsertion.CanAwaitAt(expression))
            {
                return null;
            }

            return expression;
        }

        /// <summary>
        /// Replaces <paramref name="blocking"/> (an expression of the original tree) in <paramref name="editor"/>; nested blocking
        /// calls compose. When the call that produces the awaited task accepts a cancellation token (an optional parameter left
        /// at its default, or an overload with a trailing token) and one is in scope, it is passed: <c>GetAsync(url).Result</c>
        /// → <c>await GetAsync(url, cancellationToken)</c> (ASYNC302 would ask for it next).
        /// </summary>
        /// <param name="diagnostic">The diagnostic reported on <paramref name="blocking"/>: its analyzer decided the in-scope token.
        /// Null for a blocking call the fix rewrites without a diagnostic of its own (then the same rule runs here).</param>
        public static void Replace(DocumentFixEditor editor, ExpressionSyntax blocking, Diagnostic? diagnostic, CancellationToken cancellationToken)
        {
            ForwardToken(editor, blocking, diagnostic, cancellationToken);

            var parenthesize = AwaitInsertion.NeedsParentheses(blocking);
            editor.ReplaceNode(blocking, (current, _) => current is ExpressionSyntax expression
                ? TryCreateAwait(expression, parenthesize) ?? current
                : current);
        }

        private static void ForwardToken(DocumentFixEditor editor, ExpressionSyntax blocking, Diagnostic? diagnostic, CancellationToken cancellationToken)
        {
            var model = editor.SemanticModel;
            var known = KnownSymbols.Get(model.Compilation);
            if (known.CancellationToken is null
                || model.GetOperation(blocking, cancellationToken) is not { } operation
                || !BlockingTaskCalls.TryMatch(operation, known, out var call)
                || call.Awaitable is null
                || BlockingTaskCalls.StripConfigureAwait(OperationTree.Unwrap(call.Awaitable), known) is not IInvocationOperation producer
                || producer.Syntax is not InvocationExpressionSyntax producerSyntax)
            {
                return;
            }

            var acceptance = TokenAcceptance.Get(model.Compilation).Find(producer);
            if (acceptance.Kind == TokenAcceptanceKind.None
                || (diagnostic != null ? TokenForwarding.CreateTokenExpression(diagnostic) : TokenForwarding.CreateTokenExpression(InScopeToken.Find(model, blocking, cancellationToken))) is not { } token)
            {
                return;
            }

            editor.ReplaceNode(producerSyntax, (current, _) => current is InvocationExpressionSyntax invocation
                ? TokenForwarding.AppendToken(invocation, token, acceptance.ParameterName, acceptance.NeedsNamedArgument)
                : current);
        }

        /// <summary>The replacement for a blocking expression, or null when its shape has no await form.</summary>
        public static ExpressionSyntax? TryCreateAwait(ExpressionSyntax blocking, bool parenthesize)
        {
            ExpressionSyntax? rewritten = null;
            switch (blocking)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                    rewritten = AwaitInsertion.Await(result.Expression.WithoutTrivia());
                    break;

                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } invocation
                    when invocation.ArgumentList.Arguments.Count == 0:
                    rewritten = AwaitInsertion.Await(wait.Expression.WithoutTrivia());
                    break;

                case InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax
                    {
                        Name.Identifier.ValueText: "GetResult",
                        Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter } getAwaiterCall,
                    },
                } getResult when getResult.ArgumentList.Arguments.Count == 0 && getAwaiterCall.ArgumentList.Arguments.Count == 0:
                    rewritten = AwaitInsertion.Await(getAwaiter.Expression.WithoutTrivia());
                    break;

                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" } waitAll } all:
                    rewritten = AwaitInsertion.Await(all.WithExpression(waitAll.WithName(SyntaxFactory.IdentifierName("WhenAll").WithTriviaFrom(waitAll.Name))).WithoutTrivia());
                    break;

                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "WaitAll" } name } all:
                    rewritten = AwaitInsertion.Await(all.WithExpression(SyntaxFactory.IdentifierName("WhenAll").WithTriviaFrom(name)).WithoutTrivia());
                    break;
            }

            if (rewritten is null)
            {
                return null;
            }

            return (parenthesize ? SyntaxFactory.ParenthesizedExpression(rewritten) : rewritten)
                .WithTriviaFrom(blocking);
        }
    }
}
