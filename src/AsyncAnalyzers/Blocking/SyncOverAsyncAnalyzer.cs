using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC104: blocking on a task in synchronous code (sync-over-async); Main gets its own message.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SyncOverAsyncAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: present when the blocking call sits in Main (or top-level statements) and can be awaited there.</summary>
        public const string MainFixProperty = "MainFix";

        private static readonly ImmutableDictionary<string, string?> MainFix = ImmutableDictionary<string, string?>.Empty.Add(MainFixProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SyncOverAsync, Descriptors.SyncOverAsyncInMain, Descriptors.SyncOverAsyncInTopLevelStatements);

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
            if (!BlockingTaskCalls.TryMatch(context.Operation, known, out var call))
            {
                return;
            }

            var function = AsyncContext.GetEnclosingFunction(call.Operation, context.ContainingSymbol);
            if (function is null || function.IsAsync
                || IsAwaiterGetResult(function, known)
                || IsDisposeBlockingOnDisposeAsync(function, call.Operation, known)
                || OperationTree.IsInExpressionTreeOrNameof(call.Operation, known)
                || (call.Task != null && TaskCompletion.IsProvenComplete(call.Task, known))

                // A ValueTask consumed again, or first consumed after another await, is ASYNC603's finding (await alone would not fix it).
                || (call.Task != null && ValueTaskReuse.IsReported(OperationTree.Unwrap(call.Task), context.ContainingSymbol, context.GetControlFlowGraph, known)))
            {
                return;
            }

            if (IsMain(function))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    function.Name == TopLevelStatementsEntryPoint ? Descriptors.SyncOverAsyncInTopLevelStatements : Descriptors.SyncOverAsyncInMain,
                    call.Operation.Syntax.GetLocation(),
                    call.HasAwaitRewrite ? InScopeToken.AddTo(MainFix, InScopeToken.Find(call.Operation, context.ContainingSymbol)) : null,
                    call.Display));
                return;
            }

            var properties = call.HasAwaitRewrite ? InScopeToken.AddTo(ImmutableDictionary<string, string?>.Empty, InScopeToken.Find(call.Operation, context.ContainingSymbol)) : null;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SyncOverAsync, call.Operation.Syntax.GetLocation(), properties, call.Display));
        }

        /// <summary>
        /// The <c>GetResult()</c> of a custom awaiter: the compiler calls it only once <c>IsCompleted</c> is true or
        /// <c>OnCompleted</c> has fired, so reading the wrapped task's result there is the awaiter contract, not a block.
        /// </summary>
        private static bool IsAwaiterGetResult(IMethodSymbol function, KnownSymbols known)
            => function is { Name: "GetResult", Parameters.Length: 0, IsStatic: false, MethodKind: MethodKind.Ordinary, ContainingType: { } awaiter }
               && known.IsAwaiter(awaiter);

        /// <summary>
        /// <c>Dispose()</c> / <c>Dispose(bool)</c> of a type that is also IAsyncDisposable, blocking on its own DisposeAsync:
        /// the synchronous contract leaves no other way, and the remedy is at the callers (<c>await using</c>), not here.
        /// Other blocking calls in Dispose are still reported.
        /// </summary>
        private static bool IsDisposeBlockingOnDisposeAsync(IMethodSymbol function, IOperation blocking, KnownSymbols known)
        {
            if (function.Name != "Dispose" || function.Parameters.Length > 1 || known.IAsyncDisposable is not { } asyncDisposable
                || function.ContainingType is not { } type || !Implements(type, asyncDisposable))
            {
                return false;
            }

            foreach (var operation in blocking.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "DisposeAsync" or "DisposeAsyncCore" })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (KnownSymbols.Is(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The compiler's name for the method top-level statements form.</summary>
        private const string TopLevelStatementsEntryPoint = "<Main>$";

        /// <summary>A static Main returning void or int (the shapes 'async Task Main' replaces), or top-level statements.</summary>
        internal static bool IsMain(IMethodSymbol method)
        {
            if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            if (method.Name == TopLevelStatementsEntryPoint)
            {
                return true;
            }

            return method.Name == "Main"
                   && (method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Int32)
                   && method.Parameters.Length <= 1
                   && (method.Parameters.Length == 0 || method.Parameters[0].Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String });
        }
    }
}
