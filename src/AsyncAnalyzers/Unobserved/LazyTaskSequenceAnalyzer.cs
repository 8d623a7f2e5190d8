using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC206: a local holding a deferred LINQ query over tasks (<c>items.Select(async …)</c>) that is enumerated more than
    /// once (each enumeration starts the operations again) or never enumerated (nothing starts at all).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LazyTaskSequenceAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LazyTaskSequence);

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
                    if (c.Operation is not IVariableDeclaratorOperation declarator
                        || declarator.GetVariableInitializer()?.Value is not { } value
                        || OperationTree.Unwrap(value) is not IInvocationOperation { TargetMethod.ContainingType.Name: "Enumerable" }
                        || known.Task is null || known.Enumerable is null || known.IEnumerableOfT is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.VariableDeclarator);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IVariableDeclaratorOperation { Symbol: { } local } declarator
                || declarator.GetVariableInitializer()?.Value is not { } value
                || OperationTree.Unwrap(value) is not IInvocationOperation { TargetMethod: { } query }
                || !KnownSymbols.Is(query.ContainingType, known.Enumerable)
                || !IsLazySequenceOfTasks(query.ReturnType, known))
            {
                return;
            }

            var root = declarator;
            var body = AsyncContext.FunctionBody(declarator);

            var enumerations = 0;
            foreach (var operation in body.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference))
                {
                    return; // reassigned: too dynamic to count
                }

                enumerations += IsInLoopAfter(reference, root.Syntax.SpanStart) ? 2 : 1;
            }

            if (enumerations == 1)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.LazyTaskSequence,
                declarator.Syntax.GetLocation(),
                local.Name,
                enumerations == 0 ? "that is never enumerated, so no task ever starts" : "that is enumerated more than once"));
        }

        /// <summary>Deferred Enumerable operators return IEnumerable&lt;T&gt; (or IOrderedEnumerable&lt;T&gt;) of a task type.</summary>
        private static bool IsLazySequenceOfTasks(ITypeSymbol type, KnownSymbols known)
        {
            if (type is not INamedTypeSymbol { IsGenericType: true, TypeKind: TypeKind.Interface } named)
            {
                return false;
            }

            var enumerable = KnownSymbols.Is(named.OriginalDefinition, known.IEnumerableOfT) ? named : null;
            if (enumerable is null)
            {
                foreach (var @interface in named.AllInterfaces)
                {
                    if (KnownSymbols.Is(@interface.OriginalDefinition, known.IEnumerableOfT))
                    {
                        enumerable = @interface;
                        break;
                    }
                }
            }

            return enumerable != null && known.IsTaskLike(enumerable.TypeArguments[0]);
        }

        private static bool IsInLoopAfter(IOperation reference, int declarationStart)
        {
            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true; // may run any number of times
                }

                if (current is ILoopOperation loop && loop.Syntax.SpanStart > declarationStart)
                {
                    // The collection of a foreach is evaluated once.
                    if (loop is IForEachLoopOperation forEach && forEach.Collection.Syntax.Span.Contains(reference.Syntax.Span))
                    {
                        continue;
                    }

                    return true;
                }
            }

            return false;
        }
    }
}
