using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC105: a thread-bound lock (Monitor, Mutex, SpinLock, ReaderWriterLockSlim, Lock) taken in async code whose matching
    /// release lies after an await in the same function.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LockAcrossAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LockAcrossAwait);

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
                    // The acquiring names first: most invocations are not a lock, and need no symbol.
                    if (c.Operation is not IInvocationOperation
                        {
                            TargetMethod.Name: "Enter" or "TryEnter" or "WaitOne" or "EnterReadLock" or "TryEnterReadLock"
                            or "EnterWriteLock" or "TryEnterWriteLock" or "EnterUpgradeableReadLock" or "TryEnterUpgradeableReadLock"
                        }
                        || known.Task is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IInvocationOperation invocation || !IsAcquire(invocation, known, out var target, out var release)
                || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol))
            {
                return;
            }

            var root = AsyncContext.FunctionBody(invocation);
            var acquiredAt = invocation.Syntax.Span.End;
            foreach (var operation in root.Descendants())
            {
                if (operation is IInvocationOperation candidate
                    && candidate.Syntax.SpanStart > acquiredAt
                    && candidate.TargetMethod.Name == release
                    && SymbolEqualityComparer.Default.Equals(ReleaseTarget(candidate), target)
                    && HasAwaitBetween(root, acquiredAt, candidate.Syntax.SpanStart))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.LockAcrossAwait,
                        invocation.Syntax.GetLocation(),
                        (invocation.Instance?.Type ?? invocation.TargetMethod.ContainingType).Name + "." + invocation.TargetMethod.Name));
                    return;
                }
            }
        }

        /// <summary>Recognises a lock acquisition; <paramref name="release"/> is the name of the matching release.</summary>
        private static bool IsAcquire(IInvocationOperation invocation, KnownSymbols known, out ISymbol? target, out string release)
        {
            target = null;
            release = string.Empty;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "Enter" or "TryEnter" when KnownSymbols.Is(type, known.Monitor) && invocation.Arguments.Length > 0:
                    target = Referenced(invocation.Arguments[0].Value);
                    release = "Exit";
                    break;
                case "Enter" or "TryEnter" when KnownSymbols.Is(type, known.SpinLock) || KnownSymbols.Is(type, known.Lock):
                    target = Referenced(invocation.Instance);
                    release = "Exit";
                    break;
                case "WaitOne" when invocation.Instance?.Type is { } receiverType && IsMutex(receiverType, known):
                    target = Referenced(invocation.Instance);
                    release = "ReleaseMutex";
                    break;
                case "EnterReadLock" or "TryEnterReadLock" when KnownSymbols.Is(type, known.ReaderWriterLockSlim):
                    target = Referenced(invocation.Instance);
                    release = "ExitReadLock";
                    break;
                case "EnterWriteLock" or "TryEnterWriteLock" when KnownSymbols.Is(type, known.ReaderWriterLockSlim):
                    target = Referenced(invocation.Instance);
                    release = "ExitWriteLock";
                    break;
                case "EnterUpgradeableReadLock" or "TryEnterUpgradeableReadLock" when KnownSymbols.Is(type, known.ReaderWriterLockSlim):
                    target = Referenced(invocation.Instance);
                    release = "ExitUpgradeableReadLock";
                    break;
            }

            return target != null;
        }

        private static bool IsMutex(ITypeSymbol type, KnownSymbols known)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownSymbols.Is(current, known.Mutex))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? ReleaseTarget(IInvocationOperation release)
            => release.TargetMethod.IsStatic
                ? (release.Arguments.Length > 0 ? Referenced(release.Arguments[0].Value) : null)
                : Referenced(release.Instance);

        /// <summary>The local, parameter, field or property an expression names (the lock object's identity).</summary>
        private static ISymbol? Referenced(IOperation? operation)
            => operation is null ? null : OperationTree.Unwrap(operation) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

        /// <summary>An await (also await foreach / await using) of this function between the two positions.</summary>
        private static bool HasAwaitBetween(IOperation root, int start, int end)
        {
            foreach (var operation in root.Descendants())
            {
                var position = operation.Syntax.SpanStart;
                var isAwait = operation is IAwaitOperation
                              || operation is IForEachLoopOperation { IsAsynchronous: true }
                              || operation is IUsingOperation { IsAsynchronous: true }
                              || operation is IUsingDeclarationOperation { IsAsynchronous: true };
                if (isAwait && position > start && position < end && !AsyncContext.IsInNestedFunction(operation, root))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
