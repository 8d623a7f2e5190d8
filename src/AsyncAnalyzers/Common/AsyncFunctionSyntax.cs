using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// The syntax of the functions an <c>async</c> modifier can sit on — methods, local functions, lambdas, anonymous
    /// methods — read the same way by the rules about their shape (ASYNC502, ASYNC604) and by the fixes that add or remove
    /// the modifier.
    /// </summary>
    internal static class AsyncFunctionSyntax
    {
        /// <summary>The syntax kinds of those functions, for RegisterSyntaxNodeAction.</summary>
        public static readonly SyntaxKind[] Kinds =
        {
            SyntaxKind.MethodDeclaration,
            SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression,
            SyntaxKind.SimpleLambdaExpression,
            SyntaxKind.AnonymousMethodExpression,
        };

        public static SyntaxTokenList Modifiers(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => method.Modifiers,
            LocalFunctionStatementSyntax local => local.Modifiers,
            AnonymousFunctionExpressionSyntax lambda => lambda.Modifiers,
            _ => default,
        };

        /// <summary>The <c>async</c> modifier of a function, or a default token.</summary>
        public static SyntaxToken AsyncKeyword(SyntaxNode function)
        {
            foreach (var modifier in Modifiers(function))
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    return modifier;
                }
            }

            return default;
        }

        /// <summary>The block or expression body of a method, local function or lambda; null when it has none.</summary>
        public static CSharpSyntaxNode? Body(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => (CSharpSyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => (CSharpSyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.Body,
            _ => null,
        };

        /// <summary>What a message calls the function: its name, or "lambda" / "anonymous method".</summary>
        public static string Name(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            LocalFunctionStatementSyntax local => local.Identifier.ValueText,
            AnonymousMethodExpressionSyntax => "anonymous method",
            _ => "lambda",
        };

        /// <summary>Where a finding about the whole function goes: its name, or the <c>async</c> keyword of a lambda.</summary>
        public static Location NameLocation(SyntaxNode function, SyntaxToken asyncKeyword) => function switch
        {
            MethodDeclarationSyntax method => method.Identifier.GetLocation(),
            LocalFunctionStatementSyntax local => local.Identifier.GetLocation(),
            _ => asyncKeyword.GetLocation(),
        };

        /// <summary>The nodes of a body that are the function's own, not its nested lambdas' or local functions'.</summary>
        public static System.Collections.Generic.IEnumerable<SyntaxNode> OwnNodes(SyntaxNode body)
            => body.DescendantNodesAndSelf(static n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax);
    }
}
