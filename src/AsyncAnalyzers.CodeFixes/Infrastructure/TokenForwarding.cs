using AsyncAnalyzers.Infrastructure;
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

        public static string EscapeIdentifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;
    }
}
