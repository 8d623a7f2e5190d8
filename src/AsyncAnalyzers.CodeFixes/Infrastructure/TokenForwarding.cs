using AsyncAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Infrastructure
{
    /// <summary>Turns the in-scope token that <see cref="InScopeToken"/> found into the expression to pass.</summary>
    public static class TokenForwarding
    {
        internal static ExpressionSyntax? CreateTokenExpression(in InScopeTokenResult token)
        {
            if (token.Symbol is null)
            {
                return null;
            }

            var name = SyntaxFactory.IdentifierName(EscapeIdentifier(token.Symbol.Name));
            return token.IsTokenSource
                ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name, SyntaxFactory.IdentifierName("Token"))
                : name;
        }

        /// <summary><c>M(a)</c> → <c>M(a, token)</c>, or <c>M(a, name: token)</c> when a positional argument would bind elsewhere.</summary>
        public static InvocationExpressionSyntax AppendToken(InvocationExpressionSyntax invocation, ExpressionSyntax token, string? parameterName, bool named)
        {
            var argument = SyntaxFactory.Argument(token);
            if (named && parameterName != null)
            {
                argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(EscapeIdentifier(parameterName)))
                    .WithTrailingTrivia(SyntaxFactory.Space));
            }

            return invocation.WithArgumentList(AwaitInsertion.AppendArgument(invocation.ArgumentList, argument));
        }

        /// <summary><c>source</c> → <c>source.WithCancellation(token)</c> (parenthesised when the source is not a primary expression).</summary>
        public static ExpressionSyntax WithCancellation(ExpressionSyntax source, ExpressionSyntax token)
        {
            var receiver = source.WithoutTrivia();
            if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                or ParenthesizedExpressionSyntax or ThisExpressionSyntax or GenericNameSyntax))
            {
                receiver = SyntaxFactory.ParenthesizedExpression(receiver);
            }

            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("WithCancellation")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(token))))
                .WithTriviaFrom(source);
        }

        public static string EscapeIdentifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;
    }
}
