using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC202: a local initialised with a task (or any awaitable) that is never read afterwards — not awaited, returned,
    /// passed, stored, captured or inspected on any path.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StoredTaskNeverAwaitedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: present when the enclosing function is async (the fix can await).</summary>
        public const string AsyncProperty = "Async";

        private static readonly ImmutableDictionary<string, string?> InAsync = ImmutableDictionary<string, string?>.Empty.Add(AsyncProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StoredTaskNeverAwaited);

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
                    if (known.Task is null)
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
                || local.Name == "_"
                || declarator.GetVariableInitializer()?.Value is not { } value
                || !known.IsAwaitable(local.Type)
                || !known.IsAwaitable(value.Type is null ? null : OperationTree.Unwrap(value).Type))
            {
                return;
            }

            // using var t = …; / using (var t = …) dispose (observe) the task.
            for (var parent = declarator.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IUsingDeclarationOperation or IUsingOperation)
                {
                    return;
                }

                if (parent is IBlockOperation or IExpressionStatementOperation)
                {
                    break;
                }
            }

            var root = AsyncContext.FunctionBody(declarator);
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !IsPlainWrite(reference))
                {
                    return;
                }
            }

            var function = AsyncContext.GetEnclosingFunction(declarator, context.ContainingSymbol);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.StoredTaskNeverAwaited,
                declarator.Syntax.GetLocation(),
                function is { IsAsync: true } ? InAsync : null,
                local.Name));
        }

        /// <summary><c>t = …;</c> writes without reading; anything else (including <c>t ??= …</c>, <c>ref t</c>) reads or may read.</summary>
        private static bool IsPlainWrite(ILocalReferenceOperation reference)
            => reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)
               && assignment.Parent is IExpressionStatementOperation;
    }
}
