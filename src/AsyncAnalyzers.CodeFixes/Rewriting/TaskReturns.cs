using System;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Rewriting
{
    /// <summary>
    /// Makes a function that does not await return tasks itself: <c>return x;</c> → <c>return Task.FromResult&lt;T&gt;(x);</c>
    /// (<c>new ValueTask&lt;T&gt;(x)</c>), <c>return;</c> → <c>return Task.CompletedTask;</c> (<c>default</c>), and a final
    /// <c>return Task.CompletedTask;</c> where the end is reachable. Used by the cascade (a synchronous implementation that
    /// becomes task-returning) and by ASYNC502's fix (an async function without await that loses <c>async</c>); for the
    /// latter, exceptions can be kept on the task: <see cref="ThrowsToTask"/> turns <c>throw e;</c> into
    /// <c>return Task.FromException(e);</c>, <see cref="Guard"/> wraps the body in a try/catch that does the same for
    /// whatever the body throws. Nested functions keep their own returns.
    /// </summary>
    internal sealed class TaskReturns : CSharpSyntaxRewriter
    {
        private readonly NameSyntax _taskName;
        private readonly TypeSyntax? _valueType;
        private readonly bool _valueTask;

        public TaskReturns(NameSyntax taskName, TypeSyntax? valueType, bool valueTask)
        {
            _taskName = taskName;
            _valueType = valueType;
            _valueTask = valueTask;
        }

        /// <summary>Builds the faulted task for an exception expression (<c>Task.FromException&lt;T&gt;(e)</c>); needed by the two options below.</summary>
        public Func<ExpressionSyntax, ExpressionSyntax>? FromException { get; set; }

        /// <summary>Every <c>throw e;</c> statement of the function becomes <c>return FromException(e);</c>.</summary>
        public bool ThrowsToTask { get; set; }

        /// <summary>When set, the body becomes <c>try { … } catch (Exception ex) { return FromException(ex); }</c> with this catch's type and name.</summary>
        public (TypeSyntax Type, string Name)? Guard { get; set; }

        public SyntaxNode Wrap(SyntaxNode function, bool endIsReachable)
        {
            switch (function)
            {
                case MethodDeclarationSyntax { Body: { } body } method:
                    return method.WithBody(WrapBlock(body, endIsReachable));
                case LocalFunctionStatementSyntax { Body: { } body } local:
                    return local.WithBody(WrapBlock(body, endIsReachable));
                case AnonymousFunctionExpressionSyntax { Block: { } body } lambda:
                    return lambda.WithBlock(WrapBlock(body, endIsReachable));
                case MethodDeclarationSyntax { ExpressionBody: { } arrow } method:
                    return WrapArrow(arrow.Expression) is { } value
                        ? method.WithExpressionBody(arrow.WithExpression(value))
                        : method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow.Expression, method.SemicolonToken.TrailingTrivia));
                case LocalFunctionStatementSyntax { ExpressionBody: { } arrow } local:
                    return WrapArrow(arrow.Expression) is { } localValue
                        ? local.WithExpressionBody(arrow.WithExpression(localValue))
                        : local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow.Expression, local.SemicolonToken.TrailingTrivia));
                case AnonymousFunctionExpressionSyntax { ExpressionBody: { } expression } lambda:
                    return WrapArrow(expression) is { } lambdaValue
                        ? lambda.WithExpressionBody(lambdaValue)
                        : lambda.WithExpressionBody(null).WithBlock(ArrowToBlock(expression, expression.GetTrailingTrivia()).WithLeadingTrivia(expression.GetLeadingTrivia()));
            }

            return function;
        }

        /// <summary>Removes the <c>async</c> modifier of a method, local function or lambda; its leading trivia moves to the next token.</summary>
        public static SyntaxNode RemoveAsyncModifier(SyntaxNode function)
        {
            var modifiers = AsyncFunctionSyntax.Modifiers(function);
            var index = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
            if (index < 0)
            {
                return function;
            }

            var asyncKeyword = modifiers[index];
            var next = asyncKeyword.GetNextToken();
            var moved = function.ReplaceToken(next, next.WithLeadingTrivia(asyncKeyword.LeadingTrivia.AddRange(next.LeadingTrivia)));
            return moved switch
            {
                MethodDeclarationSyntax method => method.WithModifiers(method.Modifiers.RemoveAt(index)),
                LocalFunctionStatementSyntax local => local.WithModifiers(local.Modifiers.RemoveAt(index)),
                AnonymousFunctionExpressionSyntax lambda => lambda.WithModifiers(lambda.Modifiers.RemoveAt(index)),
                _ => moved,
            };
        }

        private BlockSyntax WrapBlock(BlockSyntax body, bool endIsReachable)
        {
            var wrapped = (BlockSyntax)Visit(body);
            if (_valueType is null && endIsReachable)
            {
                wrapped = wrapped.AddStatements(SyntaxFactory.ReturnStatement(Completed()).WithAdditionalAnnotations(Formatter.Annotation));
            }

            return Guarded(wrapped);
        }

        /// <summary>A non-void arrow wraps its value (a throw stays, unless exceptions go to the task); a void arrow or a guarded one becomes a block (null).</summary>
        private ExpressionSyntax? WrapArrow(ExpressionSyntax expression)
        {
            if (expression is ThrowExpressionSyntax @throw && Guard is null)
            {
                return ThrowsToTask && FromException is not null ? FromException(@throw.Expression.WithoutTrivia()).WithTriviaFrom(expression) : expression;
            }

            return Guard is not null || _valueType is null ? null : FromResult(expression);
        }

        private BlockSyntax ArrowToBlock(ExpressionSyntax expression, SyntaxTriviaList trailing)
        {
            var block = _valueType is null
                ? SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()), SyntaxFactory.ReturnStatement(Completed()))
                : SyntaxFactory.Block(SyntaxFactory.ReturnStatement(FromResult(expression.WithoutTrivia())));
            return Guarded(block).WithTrailingTrivia(trailing).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>
        /// The block as <c>{ try { … } catch (Exception ex) { return FromException(ex); } }</c>, one statement per line even when
        /// the block was written on one line (the formatter keeps single-line lambda blocks as they are, so the line breaks are
        /// explicit; the formatter then indents them).
        /// </summary>
        private BlockSyntax Guarded(BlockSyntax block)
        {
            if (Guard is not { } guard || FromException is null)
            {
                return block;
            }

            var name = SyntaxFactory.Identifier(guard.Name);
            var handler = SyntaxFactory.CatchClause(
                SyntaxFactory.CatchDeclaration(guard.Type, name),
                filter: null,
                Lines(SyntaxFactory.Block(SyntaxFactory.ReturnStatement(FromException(SyntaxFactory.IdentifierName(name))))));
            var tryStatement = SyntaxFactory.TryStatement(
                Lines(SyntaxFactory.Block(block.Statements)),
                SyntaxFactory.SingletonList(handler),
                @finally: null);
            return Lines(block.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(tryStatement))).WithAdditionalAnnotations(Formatter.Annotation);
        }

        private BlockSyntax Lines(BlockSyntax block)
        {
            var statements = block.Statements;
            for (var i = 0; i < statements.Count; i++)
            {
                var last = statements[i].GetLastToken();
                statements = statements.Replace(statements[i], statements[i].ReplaceToken(last, EndLine(last)));
            }

            return block.WithOpenBraceToken(EndLine(block.OpenBraceToken)).WithStatements(statements);
        }

        private SyntaxToken EndLine(SyntaxToken token)
        {
            foreach (var trivia in token.TrailingTrivia)
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return token;
                }
            }

            return token.WithTrailingTrivia(token.TrailingTrivia.Add(NewLine));
        }

        /// <summary>The document's line break, for the lines <see cref="Guard"/> adds.</summary>
        public SyntaxTrivia NewLine { get; set; } = SyntaxFactory.CarriageReturnLineFeed;

        public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
        {
            if (node.Expression is null)
            {
                return _valueType is null ? node.WithExpression(Completed().WithLeadingTrivia(SyntaxFactory.Space)) : node;
            }

            if (node.Expression is ThrowExpressionSyntax @throw)
            {
                return ThrowsToTask && FromException is not null ? node.WithExpression(FromException(@throw.Expression.WithoutTrivia()).WithTriviaFrom(@throw)) : node;
            }

            return node.WithExpression(FromResult(node.Expression));
        }

        public override SyntaxNode? VisitThrowStatement(ThrowStatementSyntax node)
            => ThrowsToTask && FromException is not null && node.Expression is { } exception
                ? SyntaxFactory.ReturnStatement(
                        SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithTriviaFrom(node.ThrowKeyword),
                        FromException(exception.WithoutTrivia()).WithTriviaFrom(exception),
                        node.SemicolonToken)
                : base.VisitThrowStatement(node);

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
