using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Resources
{
    /// <summary>
    /// ASYNC402: the enumerator returned by <c>GetAsyncEnumerator()</c> is not disposed on every path. Disposed means:
    /// declared with <c>await using</c>, used as the resource of an <c>await using (e)</c> statement, or
    /// <c>DisposeAsync()</c> called on it inside a <c>finally</c> block. Enumerators handed on (returned, passed to a
    /// method, stored in a field or property, captured by a lambda) belong to whoever receives them and are not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DisposeAsyncEnumeratorAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Set when the fix can turn the declaration into <c>await using var e = …</c>.</summary>
        public const string DeclarationProperty = "Declaration";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DisposeAsyncEnumerator);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(
                    c =>
                    {
                        if (c.Operation is IInvocationOperation { TargetMethod.Name: "GetAsyncEnumerator" })
                        {
                            Analyze(c, known);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IInvocationOperation { TargetMethod.Name: "GetAsyncEnumerator" } invocation
                || !IsAsyncEnumerator(invocation.TargetMethod.ReturnType, known)
                || OperationTree.IsInExpressionTreeOrNameof(invocation, known))
            {
                return;
            }

            // Where the enumerator goes.
            var value = (IOperation)invocation;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case IExpressionStatementOperation:
                case IInvocationOperation { Instance: { } receiver } when ReferenceEquals(receiver, value):
                case IPropertyReferenceOperation { Instance: { } target } when ReferenceEquals(target, value):
                    Report(context, invocation, fixable: false);
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    AnalyzeLocal(context, invocation, declarator);
                    return;
                default:
                    // Returned, passed on, stored, awaited-using'd in expression form: someone else owns it.
                    return;
            }
        }

        private static void AnalyzeLocal(OperationAnalysisContext context, IInvocationOperation invocation, IVariableDeclaratorOperation declarator)
        {
            // await using var e = …; / await using (var e = …)
            for (var current = declarator.Parent; current != null; current = current.Parent)
            {
                if (current is IUsingDeclarationOperation { IsAsynchronous: true } or IUsingOperation { IsAsynchronous: true })
                {
                    return;
                }

                if (current is IBlockOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }
            }

            var local = declarator.Symbol;
            var body = AsyncContext.FunctionBody(invocation);
            var disposedAnywhere = false;
            foreach (var operation in body.Descendants())
            {
                if (!OperationTree.IsReferenceTo(operation, local))
                {
                    continue;
                }

                var use = operation;
                while (use.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    use = use.Parent;
                }

                switch (use.Parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "DisposeAsync" } dispose when ReferenceEquals(dispose.Instance, use):
                        if (IsInFinally(dispose, body))
                        {
                            return;
                        }

                        disposedAnywhere = true;
                        break;
                    case IUsingOperation { IsAsynchronous: true }:
                    case IReturnOperation: // also yield return
                    case IArgumentOperation:
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, use):
                    case IVariableInitializerOperation:
                        return;
                }

                if (AsyncContext.IsInNestedFunction(operation, body))
                {
                    return; // captured: its lifetime is the lambda's business
                }
            }

            var fixable = !disposedAnywhere
                && AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol)
                && declarator.Parent is IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Parent: not IUsingOperation and not IUsingDeclarationOperation } }
                && !LocalWrites.HasWriteAnywhere(body, local);
            Report(context, invocation, fixable);
        }

        private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, bool fixable)
        {
            var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(DeclarationProperty, "true") : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DisposeAsyncEnumerator, invocation.Syntax.GetLocation(), properties));
        }

        private static bool IsInFinally(IOperation operation, IOperation body)
        {
            for (var current = operation; current.Parent != null && !ReferenceEquals(current, body); current = current.Parent)
            {
                if (current.Parent is ITryOperation @try && ReferenceEquals(@try.Finally, current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>IAsyncEnumerator&lt;T&gt;</c>, a type implementing it, or a pattern enumerator with <c>DisposeAsync()</c>.</summary>
        private static bool IsAsyncEnumerator(ITypeSymbol type, KnownSymbols known)
        {
            if (known.IAsyncEnumeratorOfT is { } asyncEnumerator && KnownSymbols.IsOrImplements(type, asyncEnumerator))
            {
                return true;
            }

            foreach (var member in type.GetMembers("DisposeAsync"))
            {
                if (member is IMethodSymbol { Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
