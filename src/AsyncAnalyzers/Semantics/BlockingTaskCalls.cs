using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>The ways of blocking on a task that ASYNC102 (async code) and ASYNC104 (sync code) report.</summary>
    internal enum BlockingKind
    {
        /// <summary><c>t.Wait()</c> without arguments.</summary>
        Wait,

        /// <summary><c>t.Wait(timeout)</c>, <c>t.Wait(token)</c>: the result (bool, cancellation) differs from await.</summary>
        WaitWithArguments,

        /// <summary><c>t.Result</c> on Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
        Result,

        /// <summary><c>t.GetAwaiter().GetResult()</c>, also after ConfigureAwait.</summary>
        GetResult,

        /// <summary><c>Task.WaitAll(a, b)</c> / <c>Task.WaitAll(array)</c>.</summary>
        WaitAll,

        /// <summary><c>Task.WaitAll</c> with a timeout or token.</summary>
        WaitAllWithArguments,

        /// <summary><c>Task.WaitAny(…)</c>: returns an index, await WhenAny returns a task.</summary>
        WaitAny,
    }

    /// <summary>One blocking call on a task.</summary>
    internal readonly struct BlockingTaskCall
    {
        public BlockingTaskCall(IOperation operation, IOperation? task, IOperation? awaitable, BlockingKind kind)
        {
            Operation = operation;
            Task = task;
            Awaitable = awaitable;
            Kind = kind;
        }

        /// <summary>The whole blocking expression (what a fix replaces).</summary>
        public IOperation Operation { get; }

        /// <summary>The task blocked on (ConfigureAwait stripped), for the completion proof; null for WaitAll/WaitAny.</summary>
        public IOperation? Task { get; }

        /// <summary>What <c>await</c> should take (ConfigureAwait kept); null when no fix can await it.</summary>
        public IOperation? Awaitable { get; }

        public BlockingKind Kind { get; }

        /// <summary>How the message names the call.</summary>
        public string Display => Kind switch
        {
            BlockingKind.Wait or BlockingKind.WaitWithArguments => "Wait()",
            BlockingKind.Result => "Result",
            BlockingKind.GetResult => "GetAwaiter().GetResult()",
            BlockingKind.WaitAll or BlockingKind.WaitAllWithArguments => "Task.WaitAll",
            _ => "Task.WaitAny",
        };

        /// <summary>Whether the call has an await-based rewrite with the same meaning.</summary>
        public bool HasAwaitRewrite => Kind switch
        {
            BlockingKind.Wait or BlockingKind.Result or BlockingKind.GetResult => Awaitable != null,
            BlockingKind.WaitAll => true,
            _ => false,
        };
    }

    internal static class BlockingTaskCalls
    {
        /// <summary>Recognises a blocking call on a task; cheap name tests first.</summary>
        /// <summary>
        /// The names <see cref="TryMatch"/> can match, without resolving a symbol: callbacks call this first, so code that
        /// never blocks on a task never pays for (or compiles) the full match.
        /// </summary>
        public static bool MayMatch(IOperation operation) => operation switch
        {
            IPropertyReferenceOperation property => property.Property.Name == "Result",
            IInvocationOperation invocation => invocation.TargetMethod.Name is "Wait" or "GetResult" or "WaitAll" or "WaitAny",
            _ => false,
        };

        public static bool TryMatch(IOperation operation, KnownSymbols known, out BlockingTaskCall call)
        {
            call = default;
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                {
                    if (property.Property.Name != "Result" || property.Instance is null)
                    {
                        return false;
                    }

                    var containing = property.Property.ContainingType?.OriginalDefinition;
                    if (!KnownSymbols.Is(containing, known.TaskOfT) && !KnownSymbols.Is(containing, known.ValueTaskOfT))
                    {
                        return false;
                    }

                    call = new BlockingTaskCall(property, property.Instance, property.Instance, BlockingKind.Result);
                    return true;
                }

                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    switch (method.Name)
                    {
                        case "Wait":
                            if (invocation.Instance is null || !KnownSymbols.Is(method.ContainingType, known.Task))
                            {
                                return false;
                            }

                            call = invocation.Arguments.Length == 0
                                ? new BlockingTaskCall(invocation, invocation.Instance, invocation.Instance, BlockingKind.Wait)
                                : new BlockingTaskCall(invocation, invocation.Instance, null, BlockingKind.WaitWithArguments);
                            return true;

                        case "GetResult":
                            if (invocation.Instance is null || invocation.Arguments.Length != 0 || !known.IsTaskAwaiter(method.ContainingType))
                            {
                                return false;
                            }

                            if (OperationTree.Unwrap(invocation.Instance) is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable })
                            {
                                call = new BlockingTaskCall(invocation, StripConfigureAwait(awaitable, known), awaitable, BlockingKind.GetResult);
                            }
                            else
                            {
                                // An awaiter kept in a variable: still blocking, but nothing to await.
                                call = new BlockingTaskCall(invocation, null, null, BlockingKind.GetResult);
                            }

                            return true;

                        case "WaitAll":
                        case "WaitAny":
                            if (!method.IsStatic || !KnownSymbols.Is(method.ContainingType, known.Task))
                            {
                                return false;
                            }

                            if (method.Name == "WaitAny")
                            {
                                call = new BlockingTaskCall(invocation, null, null, BlockingKind.WaitAny);
                                return true;
                            }

                            // Only a wait for the tasks themselves, with no timeout or token, means what await WhenAll(…) means.
                            call = new BlockingTaskCall(invocation, null, null, WaitsForAllWithoutLimit(invocation, known) ? BlockingKind.WaitAll : BlockingKind.WaitAllWithArguments);
                            return true;
                    }

                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The parameter of <c>WaitAll</c>/<c>WhenAll</c>/<c>WaitAny</c>/<c>WhenAny</c> that takes the tasks:
        /// <c>params Task[]</c>, <c>params ReadOnlySpan&lt;Task&gt;</c> (.NET 9+, what <c>WhenAll(a, b)</c> binds to there)
        /// or <c>IEnumerable&lt;Task&gt;</c>.
        /// </summary>
        public static bool IsTaskCollection(ITypeSymbol type, KnownSymbols known)
            => type is IArrayTypeSymbol
               || (type is INamedTypeSymbol { IsGenericType: true } named
                   && (KnownSymbols.Is(named.OriginalDefinition, known.ReadOnlySpanOfT) || KnownSymbols.Is(named.OriginalDefinition, known.IEnumerableOfT)));

        /// <summary>
        /// <c>Task.WaitAll(tasks)</c> in any of its forms that waits for every task with no timeout and no token:
        /// the one that returns only when all tasks completed, as <c>await Task.WhenAll(tasks)</c> does.
        /// </summary>
        public static bool WaitsForAllWithoutLimit(IInvocationOperation waitAll, KnownSymbols known)
        {
            var arguments = waitAll.Arguments;
            if (arguments.Length == 0 || arguments[0].Parameter is not { } tasks || !IsTaskCollection(tasks.Type, known))
            {
                return false;
            }

            for (var i = 1; i < arguments.Length; i++)
            {
                if (arguments[i].ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The tasks named one by one in the task argument of <c>WhenAll</c>/<c>WaitAll</c>/…: the elements of
        /// <c>params</c> (array or span), of <c>new[] { a, b }</c> and of a collection expression <c>[a, b]</c>.
        /// Default (not an inline list) otherwise.
        /// </summary>
        public static System.Collections.Immutable.ImmutableArray<IOperation> InlineTasks(IOperation argumentValue)
        {
            switch (OperationTree.Unwrap(argumentValue))
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return initializer.ElementValues;
                case ICollectionExpressionOperation collection:
                    return collection.Elements;
                default:
                    return default;
            }
        }

        /// <summary><c>t.ConfigureAwait(x)</c> → <c>t</c>.</summary>
        public static IOperation StripConfigureAwait(IOperation operation, KnownSymbols known)
        {
            var unwrapped = OperationTree.Unwrap(operation);
            if (unwrapped is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } && known.IsTaskLike(instance.Type))
            {
                return instance;
            }

            return operation;
        }

        /// <summary>
        /// <c>semaphore.Wait(0)</c> / <c>WaitAsync(TimeSpan.Zero)</c> / <c>Wait(NoWait)</c> with a zero constant: a non-blocking
        /// try, not a wait. Only SemaphoreSlim's waits: a zero first argument means nothing in general (<c>GetFieldValueAsync(0)</c>).
        /// </summary>
        public static bool IsSemaphoreTry(IInvocationOperation invocation, KnownSymbols known)
        {
            if (invocation.Arguments.Length == 0
                || invocation.TargetMethod.Name is not ("Wait" or "WaitAsync")
                || !KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.SemaphoreSlim))
            {
                return false;
            }

            var first = OperationTree.Unwrap(invocation.Arguments[0].Value);
            if (first.ConstantValue is { HasValue: true, Value: int value })
            {
                return value == 0;
            }

            return first is IFieldReferenceOperation { Field.Name: "Zero", Field.IsStatic: true } zero && zero.Field.ContainingType?.Name == "TimeSpan";
        }
    }
}
