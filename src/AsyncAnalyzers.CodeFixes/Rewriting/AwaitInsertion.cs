using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Rewriting
{
    /// <summary>
    /// Where an <c>await</c> may be written. The analyzers decide the async context; this adds the places
    /// inside an async context where the compiler still forbids <c>await</c> (a fix there would not compile).
    /// </summary>
    public static class AwaitInsertion
    {
        /// <summary>
        /// False inside a <c>lock</c> body (CS1996), an unsafe context (CS4004), a catch filter (CS7094), a query clause
        /// of the enclosing function, or the <c>.M()</c> part of a conditional access; true otherwise. The caller has already established the async context.
        /// </summary>
        public static bool CanAwaitAt(SyntaxNode node)
        {
            if (node is ExpressionSyntax expression && StartsWithBinding(expression))
            {
                return false; // `a?.M().Result`: the blocked-on part is `.M()`, which only exists inside the conditional access
            }

            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax lockStatement when lockStatement.Statement.Span.Contains(node.Span):
                        return false;
                    case UnsafeStatementSyntax:
                        return false;
                    case QueryClauseSyntax:
                    case SelectOrGroupClauseSyntax:
                    case CatchFilterClauseSyntax: // CS7094
                        return false;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        return !HasUnsafe(current);
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case CompilationUnitSyntax:
                        return !IsInUnsafeMember(current);
                }
            }

            return true;
        }

        /// <summary>
        /// Wraps an expression in <c>await</c>, keeping its leading and trailing trivia outside. The whitespace is written
        /// explicitly (no formatter pass), so comments and layout around the expression stay exactly as they were.
        /// </summary>
        public static AwaitExpressionSyntax Await(ExpressionSyntax expression)
        {
            var inner = expression.WithoutTrivia();
            return SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), inner)
                .WithLeadingTrivia(expression.GetLeadingTrivia())
                .WithTrailingTrivia(expression.GetTrailingTrivia())
                .WithAdditionalAnnotations(ConfigureAwaitConvention.NewAwait);
        }

        /// <summary><c>M()</c> → <c>_ = M()</c>, an explicit fire-and-forget; trivia stays outside.</summary>
        public static ExpressionSyntax Discard(ExpressionSyntax expression)
        {
            var discard = SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                // A discard must be an underscore token, as the parser makes it: an identifier named "_" binds as a variable.
                SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxFactory.TriviaList(), SyntaxKind.UnderscoreToken, "_", "_", SyntaxFactory.TriviaList(SyntaxFactory.Space))),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                expression.WithoutTrivia());
            return discard.WithTriviaFrom(expression);
        }

        /// <summary>Appends an argument with a ", " separator, leaving the existing arguments and their trivia untouched.</summary>
        public static ArgumentListSyntax AppendArgument(ArgumentListSyntax list, ArgumentSyntax argument)
        {
            var arguments = list.Arguments;
            if (arguments.Count == 0)
            {
                return list.WithArguments(SyntaxFactory.SingletonSeparatedList(argument));
            }

            var nodesAndTokens = arguments.GetWithSeparators();
            var last = nodesAndTokens[nodesAndTokens.Count - 1];
            var trailing = last.GetTrailingTrivia();
            nodesAndTokens = nodesAndTokens.Replace(last, last.WithTrailingTrivia());
            nodesAndTokens = nodesAndTokens
                .Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))
                .Add(argument.WithTrailingTrivia(trailing));
            return list.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(nodesAndTokens));
        }

        /// <summary>Whether an await replacing <paramref name="original"/> (a node of the original tree) needs parentheses.</summary>
        public static bool NeedsParentheses(ExpressionSyntax original)
            => original.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Expression == original,
                InvocationExpressionSyntax invocation => invocation.Expression == original,
                ElementAccessExpressionSyntax element => element.Expression == original,
                ConditionalAccessExpressionSyntax conditional => conditional.Expression == original,
                PostfixUnaryExpressionSyntax => true,
                _ => false,
            };

        /// <summary>Whether the expression's receiver chain starts with <c>.M</c> or <c>[i]</c> of an enclosing conditional access.</summary>
        private static bool StartsWithBinding(ExpressionSyntax expression)
        {
            var current = expression;
            while (true)
            {
                switch (current)
                {
                    case MemberBindingExpressionSyntax:
                    case ElementBindingExpressionSyntax:
                        return true;
                    case InvocationExpressionSyntax invocation:
                        current = invocation.Expression;
                        break;
                    case MemberAccessExpressionSyntax access:
                        current = access.Expression;
                        break;
                    case ElementAccessExpressionSyntax element:
                        current = element.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax postfix:
                        current = postfix.Operand;
                        break;
                    default:
                        return false;
                }
            }
        }

        private static bool HasUnsafe(SyntaxNode function)
            => function is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.UnsafeKeyword)
               || IsInUnsafeMember(function);

        private static bool IsInUnsafeMember(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
