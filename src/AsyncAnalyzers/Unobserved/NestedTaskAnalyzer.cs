using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC205: <c>Task.Factory.StartNew(async …)</c> or <c>t.ContinueWith(async …)</c> producing Task&lt;Task&gt; that is
    /// awaited or returned directly (so only the outer task — the delegate's start — is observed).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NestedTaskAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "Run" when StartNew can become Task.Run, else "Unwrap".</summary>
        public const string FixProperty = "Fix";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NestedTask);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is not IInvocationOperation { TargetMethod.Name: "StartNew" or "ContinueWith" } || known.Task is null || known.TaskOfT is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IInvocationOperation invocation)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var isStartNew = method.Name == "StartNew"
                             && (KnownSymbols.Is(method.ContainingType, known.TaskFactory) || KnownSymbols.Is(method.ContainingType?.OriginalDefinition, known.TaskFactoryOfT));
            var isContinueWith = method.Name == "ContinueWith"
                                 && (KnownSymbols.Is(method.ContainingType, known.Task) || KnownSymbols.Is(method.ContainingType?.OriginalDefinition, known.TaskOfT));
            if (!isStartNew && !isContinueWith)
            {
                return;
            }

            // Task<Task> / Task<Task<T>> / Task<ValueTask…>
            if (invocation.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } outer
                || !KnownSymbols.Is(outer.OriginalDefinition, known.TaskOfT)
                || !known.IsTaskLike(outer.TypeArguments[0]))
            {
                return;
            }

            IOperation current = invocation;
            var storedAsPlainTask = false;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
                storedAsPlainTask |= current is IConversionOperation conversion && KnownSymbols.Is(conversion.Type, known.Task);
            }

            // Awaited or returned once; or kept as a plain 'Task' (a local, field or property), which can never be
            // unwrapped later: whoever awaits it waits only for the delegate to return its task.
            var consumer = current.Parent;
            var observedOnce = consumer switch
            {
                IAwaitOperation awaitOperation => awaitOperation.Parent is not IAwaitOperation,
                IReturnOperation => true,
                IVariableInitializerOperation or ISimpleAssignmentOperation => storedAsPlainTask,
                _ => false,
            };
            if (!observedOnce)
            {
                return;
            }

            var canRun = isStartNew
                         && invocation.Arguments.Length == 1
                         && invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Factory", IsStatic: true } factory }
                         && KnownSymbols.Is(factory.ContainingType, known.Task);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, canRun ? "Run" : "Unwrap");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NestedTask,
                invocation.Syntax.GetLocation(),
                properties,
                isStartNew ? "StartNew" : "ContinueWith",
                MessageText.Of(outer)));
        }
    }
}
