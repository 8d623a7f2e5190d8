using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    // Each call site of a converted method: awaited where its caller can become async, otherwise left as a boundary (blocking, or a discard when nothing below blocked).
    internal sealed partial class AsyncCascade
    {
        private async Task PlanCallSiteAsync(ReferenceLocation reference, int depth, int calleeGroup)
        {
            var tree = reference.Location.SourceTree!;
            var root = await tree.GetRootAsync(_cancellationToken).ConfigureAwait(false);
            var name = root.FindNode(reference.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
            if (name.IsPartOfStructuredTrivia() || IsNameofArgument(name) || Invocation(name) is not { } invocation)
            {
                return;
            }

            var document = reference.Document;
            var edits = Plan.For(document.Id);
            if (edits.CallsToAwait.Contains(invocation) || !_plannedCalls.Add(invocation))
            {
                return;
            }

            var model = await ModelAsync(document, tree).ConfigureAwait(false);
            if (await CanAwaitCallAsync(document, model, invocation, depth).ConfigureAwait(false) is { } function)
            {
                edits.CallsToAwait.Add(invocation);
                MarkAwait(edits, function);
                if ((function is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    && model.GetDeclaredSymbol(function, _cancellationToken) is IMethodSymbol caller
                    && _groupOf.TryGetValue(Normalize(caller), out var callerGroup))
                {
                    _awaitEdges.Add((callerGroup, calleeGroup));
                }
            }
            else
            {
                _boundaries.Add((document.Id, invocation, calleeGroup, UnusedValue(model, invocation)));
            }
        }

        /// <summary>The expression whose value is thrown away (a statement, the body of a void arrow or void lambda) that holds the call, or null.</summary>
        private ExpressionSyntax? UnusedValue(SemanticModel model, InvocationExpressionSyntax invocation)
        {
            SyntaxNode expression = invocation;
            while (expression.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(expression.Span)
                   || expression.Parent is MemberBindingExpressionSyntax or InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax })
            {
                expression = expression.Parent;
            }

            var unused = expression.Parent switch
            {
                ExpressionStatementSyntax => true,
                ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } => method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword },
                ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax local } => local.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword },
                AnonymousFunctionExpressionSyntax lambda when lambda.Body == expression
                    => model.GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true },
                _ => false,
            };
            return unused ? expression as ExpressionSyntax : null;
        }

        /// <summary>
        /// The function that will await <paramref name="invocation"/> (after converting it when it is synchronous), or null when
        /// the call must stay blocking: a boundary, the depth limit, a lock, a catch filter, a conditional access, a sync lambda.
        /// Top-level statements answer their compilation unit.
        /// </summary>
        private async Task<SyntaxNode?> CanAwaitCallAsync(Document document, SemanticModel model, InvocationExpressionSyntax invocation, int depth)
        {
            if (invocation.Parent is MemberBindingExpressionSyntax or ConditionalAccessExpressionSyntax
                || invocation.Expression is MemberBindingExpressionSyntax
                || !AwaitInsertion.CanAwaitAt(invocation))
            {
                return null;
            }

            var function = MakeAsync.EnclosingFunction(invocation);
            switch (function)
            {
                case null:
                    return null;
                case GlobalStatementSyntax global:
                    return global.Parent;
                case AnonymousFunctionExpressionSyntax lambda:
                    if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                    {
                        return lambda;
                    }

                    return TryConvertTaskReturning(document, model, lambda) ? lambda : null;
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    if (model.GetDeclaredSymbol(function, _cancellationToken) is not IMethodSymbol caller)
                    {
                        return null;
                    }

                    if (caller.IsAsync)
                    {
                        return function;
                    }

                    if (KnownSymbols.Get(model.Compilation).IsTaskLike(caller.ReturnType))
                    {
                        return TryConvertTaskReturning(document, model, function) ? function : null;
                    }

                    return await DecideAsync(caller, depth + 1).ConfigureAwait(false) ? function : null;
                default:
                    return null;
            }
        }

        /// <summary>The invocation whose callee is the name, or null (a method group, a nameof …).</summary>
        private static InvocationExpressionSyntax? Invocation(SyntaxNode name)
        {
            var expression = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                || name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name
                || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
            {
                expression = name.Parent;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }
    }
}
