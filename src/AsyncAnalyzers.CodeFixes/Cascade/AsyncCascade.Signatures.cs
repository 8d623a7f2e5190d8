using System.Collections.Generic;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    // Whether a method can change its signature and body to async, and the edits of its own body.
    internal sealed partial class AsyncCascade
    {
        /// <summary>A task-returning function that is not async: <see cref="MakeAsync"/> converts it and its signature stays.</summary>
        private bool TryConvertTaskReturning(Document document, SemanticModel model, SyntaxNode function)
        {
            if (Plan.ChangedTaskReturningFunctions.Contains(function))
            {
                return true;
            }

            if (IsGenerated(document, function.SyntaxTree) || !MakeAsync.CanConvert(model, function, _cancellationToken))
            {
                return false;
            }

            var edits = Plan.For(document.Id);
            edits.Functions[function] = new FunctionChange(FunctionChangeKind.TaskReturning, false, null, false);
            Plan.ChangedTaskReturningFunctions.Add(function);
            PlanOwnBody(model, edits, function, MakeAsync.Body(function)!, returnsVoid: false, group: -1);
            return true;
        }

        /// <summary>
        /// In a function that becomes async: its other blocking calls are awaited (left alone they would block in async code),
        /// and statements that drop a task get an explicit <c>_ =</c> (the compiler warns about them in an async method, CS4014).
        /// </summary>
        private void PlanOwnBody(SemanticModel model, DocumentCascadeEdits edits, SyntaxNode function, SyntaxNode body, bool returnsVoid, int group)
        {
            var known = KnownSymbols.Get(model.Compilation);
            if (returnsVoid && body is ArrowExpressionClauseSyntax { Expression: InvocationExpressionSyntax arrowCall }
                && known.IsAwaitable(model.GetTypeInfo(arrowCall, _cancellationToken).Type))
            {
                edits.TasksToDiscard.Add(arrowCall);
            }

            foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
            {
                if (node is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax dropped }
                    && !edits.TasksToAwait.Contains(dropped)
                    && known.IsAwaitable(model.GetTypeInfo(dropped, _cancellationToken).Type))
                {
                    edits.TasksToDiscard.Add(dropped);
                    continue;
                }

                if (BlockingCallRewriter.AsAwaitable(model, node, known, _cancellationToken) is not { } expression)
                {
                    continue;
                }

                edits.BlockingToAwait.Add(expression);
                MarkAwait(edits, function);
                if (group >= 0)
                {
                    _blockingGroups.Add(group);
                }
            }
        }

        private static void MarkAwait(DocumentCascadeEdits edits, SyntaxNode function)
        {
            if (edits.Functions.TryGetValue(function, out var change))
            {
                change.HasAwait = true;
            }
        }

        /// <summary>Signature-level boundaries: only ordinary methods and local functions with plain parameters and a plain return.</summary>
        private static bool HasConvertibleSignature(IMethodSymbol member, KnownSymbols known)
        {
            if (member.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.ExplicitInterfaceImplementation)
                || member.IsExtern
                || member.ReturnsByRef
                || member.ReturnsByRefReadonly
                || member.ReturnType.IsRefLikeType
                || member.ReturnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                || member.IsAsync
                || (member.ContainingType is { IsValueType: true } && !member.IsStatic && member.MethodKind != MethodKind.LocalFunction))
            {
                return false;
            }

            if (HasErrorType(member.ReturnType))
            {
                return false; // a signature that does not bind: the reference search cannot be trusted to find every caller
            }

            foreach (var parameter in member.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                    || HasErrorType(parameter.Type))
                {
                    return false;
                }
            }

            if (known.IsEventHandlerSignature(member))
            {
                return false; // an event handler: its signature belongs to the event
            }

            foreach (var attribute in member.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ConditionalAttribute" })
                {
                    return false; // [Conditional] methods must return void
                }
            }

            return true;
        }

        private static bool HasErrorType(ITypeSymbol type)
        {
            switch (type)
            {
                case IErrorTypeSymbol:
                    return true;
                case IArrayTypeSymbol array:
                    return HasErrorType(array.ElementType);
                case INamedTypeSymbol { IsGenericType: true } named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (HasErrorType(argument))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>Body-level boundaries: iterators, unsafe code, ref and ref-struct locals (not allowed in async methods before C# 13).</summary>
        private bool HasConvertibleBody(SemanticModel model, SyntaxNode declaration)
        {
            for (var current = declaration; current != null; current = current.Parent)
            {
                if (current is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                    || current is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                {
                    return false;
                }
            }

            if (MakeAsync.Body(declaration) is not { } body)
            {
                return true; // interface, abstract or partial definition: only the signature changes
            }

            foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
            {
                switch (node)
                {
                    case YieldStatementSyntax:
                    case UnsafeStatementSyntax:
                    case RefTypeSyntax:
                    case StackAllocArrayCreationExpressionSyntax:
                        return false;
                    case VariableDeclaratorSyntax variable
                        when model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true }:
                        return false;
                }
            }

            return true;
        }

        /// <summary>ValueTask when the group's interface/abstract member or the method's type mostly uses ValueTask.</summary>
        private static bool PrefersValueTask(List<IMethodSymbol> group, KnownSymbols known)
        {
            if (known.ValueTask is null || known.ValueTaskOfT is null)
            {
                return false;
            }

            var owner = group[0].ContainingType;
            foreach (var member in group)
            {
                if (member.IsAbstract && member.ContainingType != null)
                {
                    owner = member.ContainingType;
                    break;
                }
            }

            if (owner is null)
            {
                return false;
            }

            int valueTasks = 0, tasks = 0;
            foreach (var sibling in owner.GetMembers())
            {
                if (sibling is IMethodSymbol { ReturnType: INamedTypeSymbol returnType })
                {
                    var definition = returnType.OriginalDefinition;
                    if (KnownSymbols.Is(definition, known.ValueTask) || KnownSymbols.Is(definition, known.ValueTaskOfT))
                    {
                        valueTasks++;
                    }
                    else if (KnownSymbols.Is(definition, known.Task) || KnownSymbols.Is(definition, known.TaskOfT))
                    {
                        tasks++;
                    }
                }
            }

            return valueTasks > tasks;
        }

        private static bool EndIsReachable(SemanticModel model, SyntaxNode declaration)
        {
            if (MakeAsync.Body(declaration) is not BlockSyntax { Statements.Count: > 0 } block)
            {
                return true;
            }

            var flow = model.AnalyzeControlFlow(block.Statements[0], block.Statements[block.Statements.Count - 1]);
            return flow is null || !flow.Succeeded || flow.EndPointIsReachable;
        }
    }
}
