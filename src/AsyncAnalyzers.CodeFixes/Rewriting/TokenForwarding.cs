using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Rewriting
{
    /// <summary>Turns the in-scope token that <see cref="InScopeToken"/> found into the expression to pass.</summary>
    public static class TokenForwarding
    {
        internal static ExpressionSyntax? CreateTokenExpression(in InScopeTokenResult token)
            => token.Symbol is null ? null : CreateTokenExpression(token.Symbol.Name, token.IsTokenSource);

        /// <summary>The token the analyzer decided on for this diagnostic (<see cref="InScopeToken.AddTo"/>), or null: none.</summary>
        internal static ExpressionSyntax? CreateTokenExpression(Diagnostic diagnostic)
            => InScopeToken.TryRead(diagnostic.Properties, out var name, out var isSource) ? CreateTokenExpression(name, isSource) : null;

        private static ExpressionSyntax CreateTokenExpression(string symbolName, bool isTokenSource)
        {
            var name = SyntaxFactory.IdentifierName(EscapeIdentifier(symbolName));
            return isTokenSource
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
        /// <summary>
        /// <c>M(a, x, y)</c> with params from index 1 → <c>M(a, new T[] { x, y })</c>: the token overload takes the array itself.
        /// </summary>
        public static InvocationExpressionSyntax WrapParams(InvocationExpressionSyntax invocation, int paramsIndex, ArrayTypeSyntax arrayType)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (paramsIndex < 0 || paramsIndex > arguments.Count)
            {
                return invocation;
            }

            var elements = new System.Collections.Generic.List<ExpressionSyntax>();
            for (var i = paramsIndex; i < arguments.Count; i++)
            {
                elements.Add(arguments[i].Expression.WithoutTrivia());
            }

            var array = SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                    arrayType.WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.InitializerExpression(
                        SyntaxKind.ArrayInitializerExpression,
                        SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.SeparatedList(elements, Separators(elements.Count)),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(elements.Count > 0 ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : default)));
            var kept = new System.Collections.Generic.List<ArgumentSyntax>();
            for (var i = 0; i < paramsIndex; i++)
            {
                kept.Add(arguments[i]);
            }

            var leading = paramsIndex < arguments.Count ? arguments[paramsIndex].GetLeadingTrivia() : (paramsIndex > 0 ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : default);
            kept.Add(SyntaxFactory.Argument(array).WithLeadingTrivia(leading));
            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(kept, Separators(kept.Count))));

            static System.Collections.Generic.IEnumerable<SyntaxToken> Separators(int count)
            {
                for (var i = 1; i < count; i++)
                {
                    yield return SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
                }
            }
        }

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
