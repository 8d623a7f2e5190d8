using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC102: Wait(), Result, GetAwaiter().GetResult(), Task.WaitAll/WaitAny in an async context.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BlockOnTaskAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: present when an await-based fix with the same meaning exists.</summary>
        public const string FixableProperty = "Fixable";

        private static readonly ImmutableDictionary<string, string?> Fixable = ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockOnTask);

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
                    if (!BlockingTaskCalls.MayMatch(c.Operation) || known.Task is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.Invocation, OperationKind.PropertyReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (!BlockingTaskCalls.TryMatch(context.Operation, known, out var call)
                || !AsyncContext.IsAsyncContext(call.Operation, context.ContainingSymbol)
                || OperationTree.IsInExpressionTreeOrNameof(call.Operation, known)
                || (call.Task != null && TaskCompletion.IsProvenComplete(call.Task, known))

                // A ValueTask consumed again, or first consumed after another await, is ASYNC603's finding (await alone would not fix it).
                || (call.Task != null && ValueTaskReuse.IsReported(OperationTree.Unwrap(call.Task), context.ContainingSymbol, context.GetControlFlowGraph, known)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.BlockOnTask,
                call.Operation.Syntax.GetLocation(),
                call.HasAwaitRewrite ? InScopeToken.AddTo(Fixable, InScopeToken.Find(call.Operation, context.ContainingSymbol)) : null,
                call.Display));
        }
    }
}
