using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// The framework symbols the rules compare against, looked up once per compilation and shared by every
    /// analyzer and code fix of the package. A symbol is null when the compilation's references lack it
    /// (netstandard1.x, net35 …): rules bail out early in that case.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        private readonly Compilation _compilation;

        private KnownSymbols(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>Looked up on first use (a rule that never needs Mutex never pays for finding it), then a field read.</summary>
        private INamedTypeSymbol? Resolve(ref INamedTypeSymbol? field, ref bool resolved, string metadataName)
        {
            field = _compilation.GetTypeByMetadataName(metadataName);
            System.Threading.Volatile.Write(ref resolved, true);
            return field;
        }

        public static KnownSymbols Get(Compilation compilation)
            => Cache.GetValue(compilation, static c => new KnownSymbols(c));

        private INamedTypeSymbol? _thread;
        private bool _threadResolved;

        public INamedTypeSymbol? Thread => System.Threading.Volatile.Read(ref _threadResolved) ? _thread : Resolve(ref _thread, ref _threadResolved, "System.Threading.Thread");

        private INamedTypeSymbol? _task;
        private bool _taskResolved;

        public INamedTypeSymbol? Task => System.Threading.Volatile.Read(ref _taskResolved) ? _task : Resolve(ref _task, ref _taskResolved, "System.Threading.Tasks.Task");

        private INamedTypeSymbol? _taskOfT;
        private bool _taskOfTResolved;

        public INamedTypeSymbol? TaskOfT => System.Threading.Volatile.Read(ref _taskOfTResolved) ? _taskOfT : Resolve(ref _taskOfT, ref _taskOfTResolved, "System.Threading.Tasks.Task`1");

        private INamedTypeSymbol? _valueTask;
        private bool _valueTaskResolved;

        public INamedTypeSymbol? ValueTask => System.Threading.Volatile.Read(ref _valueTaskResolved) ? _valueTask : Resolve(ref _valueTask, ref _valueTaskResolved, "System.Threading.Tasks.ValueTask");

        private INamedTypeSymbol? _valueTaskOfT;
        private bool _valueTaskOfTResolved;

        public INamedTypeSymbol? ValueTaskOfT => System.Threading.Volatile.Read(ref _valueTaskOfTResolved) ? _valueTaskOfT : Resolve(ref _valueTaskOfT, ref _valueTaskOfTResolved, "System.Threading.Tasks.ValueTask`1");

        private INamedTypeSymbol? _cancellationToken;
        private bool _cancellationTokenResolved;

        public INamedTypeSymbol? CancellationToken => System.Threading.Volatile.Read(ref _cancellationTokenResolved) ? _cancellationToken : Resolve(ref _cancellationToken, ref _cancellationTokenResolved, "System.Threading.CancellationToken");

        private INamedTypeSymbol? _cancellationTokenSource;
        private bool _cancellationTokenSourceResolved;

        public INamedTypeSymbol? CancellationTokenSource => System.Threading.Volatile.Read(ref _cancellationTokenSourceResolved) ? _cancellationTokenSource : Resolve(ref _cancellationTokenSource, ref _cancellationTokenSourceResolved, "System.Threading.CancellationTokenSource");

        private INamedTypeSymbol? _taskStatus;
        private bool _taskStatusResolved;

        public INamedTypeSymbol? TaskStatus => System.Threading.Volatile.Read(ref _taskStatusResolved) ? _taskStatus : Resolve(ref _taskStatus, ref _taskStatusResolved, "System.Threading.Tasks.TaskStatus");

        private INamedTypeSymbol? _taskAwaiter;
        private bool _taskAwaiterResolved;

        public INamedTypeSymbol? TaskAwaiter => System.Threading.Volatile.Read(ref _taskAwaiterResolved) ? _taskAwaiter : Resolve(ref _taskAwaiter, ref _taskAwaiterResolved, "System.Runtime.CompilerServices.TaskAwaiter");

        private INamedTypeSymbol? _taskAwaiterOfT;
        private bool _taskAwaiterOfTResolved;

        public INamedTypeSymbol? TaskAwaiterOfT => System.Threading.Volatile.Read(ref _taskAwaiterOfTResolved) ? _taskAwaiterOfT : Resolve(ref _taskAwaiterOfT, ref _taskAwaiterOfTResolved, "System.Runtime.CompilerServices.TaskAwaiter`1");

        private INamedTypeSymbol? _valueTaskAwaiter;
        private bool _valueTaskAwaiterResolved;

        public INamedTypeSymbol? ValueTaskAwaiter => System.Threading.Volatile.Read(ref _valueTaskAwaiterResolved) ? _valueTaskAwaiter : Resolve(ref _valueTaskAwaiter, ref _valueTaskAwaiterResolved, "System.Runtime.CompilerServices.ValueTaskAwaiter");

        private INamedTypeSymbol? _valueTaskAwaiterOfT;
        private bool _valueTaskAwaiterOfTResolved;

        public INamedTypeSymbol? ValueTaskAwaiterOfT => System.Threading.Volatile.Read(ref _valueTaskAwaiterOfTResolved) ? _valueTaskAwaiterOfT : Resolve(ref _valueTaskAwaiterOfT, ref _valueTaskAwaiterOfTResolved, "System.Runtime.CompilerServices.ValueTaskAwaiter`1");

        private INamedTypeSymbol? _configuredTaskAwaiter;
        private bool _configuredTaskAwaiterResolved;

        public INamedTypeSymbol? ConfiguredTaskAwaiter => System.Threading.Volatile.Read(ref _configuredTaskAwaiterResolved) ? _configuredTaskAwaiter : Resolve(ref _configuredTaskAwaiter, ref _configuredTaskAwaiterResolved, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");

        private INamedTypeSymbol? _configuredTaskAwaiterOfT;
        private bool _configuredTaskAwaiterOfTResolved;

        public INamedTypeSymbol? ConfiguredTaskAwaiterOfT => System.Threading.Volatile.Read(ref _configuredTaskAwaiterOfTResolved) ? _configuredTaskAwaiterOfT : Resolve(ref _configuredTaskAwaiterOfT, ref _configuredTaskAwaiterOfTResolved, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter");

        private INamedTypeSymbol? _configuredValueTaskAwaiter;
        private bool _configuredValueTaskAwaiterResolved;

        public INamedTypeSymbol? ConfiguredValueTaskAwaiter => System.Threading.Volatile.Read(ref _configuredValueTaskAwaiterResolved) ? _configuredValueTaskAwaiter : Resolve(ref _configuredValueTaskAwaiter, ref _configuredValueTaskAwaiterResolved, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter");

        private INamedTypeSymbol? _configuredValueTaskAwaiterOfT;
        private bool _configuredValueTaskAwaiterOfTResolved;

        public INamedTypeSymbol? ConfiguredValueTaskAwaiterOfT => System.Threading.Volatile.Read(ref _configuredValueTaskAwaiterOfTResolved) ? _configuredValueTaskAwaiterOfT : Resolve(ref _configuredValueTaskAwaiterOfT, ref _configuredValueTaskAwaiterOfTResolved, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");

        private INamedTypeSymbol? _expressionOfT;
        private bool _expressionOfTResolved;

        public INamedTypeSymbol? ExpressionOfT => System.Threading.Volatile.Read(ref _expressionOfTResolved) ? _expressionOfT : Resolve(ref _expressionOfT, ref _expressionOfTResolved, "System.Linq.Expressions.Expression`1");

        private INamedTypeSymbol? _listOfT;
        private bool _listOfTResolved;

        public INamedTypeSymbol? ListOfT => System.Threading.Volatile.Read(ref _listOfTResolved) ? _listOfT : Resolve(ref _listOfT, ref _listOfTResolved, "System.Collections.Generic.List`1");

        private INamedTypeSymbol? _immutableArrayOfT;
        private bool _immutableArrayOfTResolved;

        public INamedTypeSymbol? ImmutableArrayOfT => System.Threading.Volatile.Read(ref _immutableArrayOfTResolved) ? _immutableArrayOfT : Resolve(ref _immutableArrayOfT, ref _immutableArrayOfTResolved, "System.Collections.Immutable.ImmutableArray`1");

        private INamedTypeSymbol? _monitor;
        private bool _monitorResolved;

        public INamedTypeSymbol? Monitor => System.Threading.Volatile.Read(ref _monitorResolved) ? _monitor : Resolve(ref _monitor, ref _monitorResolved, "System.Threading.Monitor");

        private INamedTypeSymbol? _mutex;
        private bool _mutexResolved;

        public INamedTypeSymbol? Mutex => System.Threading.Volatile.Read(ref _mutexResolved) ? _mutex : Resolve(ref _mutex, ref _mutexResolved, "System.Threading.Mutex");

        private INamedTypeSymbol? _spinLock;
        private bool _spinLockResolved;

        public INamedTypeSymbol? SpinLock => System.Threading.Volatile.Read(ref _spinLockResolved) ? _spinLock : Resolve(ref _spinLock, ref _spinLockResolved, "System.Threading.SpinLock");

        private INamedTypeSymbol? _readerWriterLockSlim;
        private bool _readerWriterLockSlimResolved;

        public INamedTypeSymbol? ReaderWriterLockSlim => System.Threading.Volatile.Read(ref _readerWriterLockSlimResolved) ? _readerWriterLockSlim : Resolve(ref _readerWriterLockSlim, ref _readerWriterLockSlimResolved, "System.Threading.ReaderWriterLockSlim");

        private INamedTypeSymbol? _lock;
        private bool _lockResolved;

        public INamedTypeSymbol? Lock => System.Threading.Volatile.Read(ref _lockResolved) ? _lock : Resolve(ref _lock, ref _lockResolved, "System.Threading.Lock");

        private INamedTypeSymbol? _semaphoreSlim;
        private bool _semaphoreSlimResolved;

        public INamedTypeSymbol? SemaphoreSlim => System.Threading.Volatile.Read(ref _semaphoreSlimResolved) ? _semaphoreSlim : Resolve(ref _semaphoreSlim, ref _semaphoreSlimResolved, "System.Threading.SemaphoreSlim");

        private INamedTypeSymbol? _iAsyncDisposable;
        private bool _iAsyncDisposableResolved;

        public INamedTypeSymbol? IAsyncDisposable => System.Threading.Volatile.Read(ref _iAsyncDisposableResolved) ? _iAsyncDisposable : Resolve(ref _iAsyncDisposable, ref _iAsyncDisposableResolved, "System.IAsyncDisposable");

        private ImmutableArray<INamedTypeSymbol> _loggerTypes;

        /// <summary>Types whose methods only write a message somewhere: Console, Debug, Trace and the usual logging libraries.</summary>
        public ImmutableArray<INamedTypeSymbol> LoggerTypes
        {
            get
            {
                if (_loggerTypes.IsDefault)
                {
                    var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                    foreach (var name in LoggerTypeNames)
                    {
                        if (_compilation.GetTypeByMetadataName(name) is { } type)
                        {
                            builder.Add(type);
                        }
                    }

                    ImmutableInterlocked.InterlockedInitialize(ref _loggerTypes, builder.ToImmutable());
                }

                return _loggerTypes;
            }
        }

        private static readonly string[] LoggerTypeNames =
        {
            "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Trace",
            "Microsoft.Extensions.Logging.ILogger", "Microsoft.Extensions.Logging.LoggerExtensions",
            "Serilog.ILogger", "Serilog.Log", "NLog.ILogger", "NLog.Logger", "log4net.ILog",
        };

        private INamedTypeSymbol? _iNotifyCompletion;
        private bool _iNotifyCompletionResolved;

        public INamedTypeSymbol? INotifyCompletion => System.Threading.Volatile.Read(ref _iNotifyCompletionResolved) ? _iNotifyCompletion : Resolve(ref _iNotifyCompletion, ref _iNotifyCompletionResolved, "System.Runtime.CompilerServices.INotifyCompletion");

        private INamedTypeSymbol? _experimentalAttribute;
        private bool _experimentalAttributeResolved;

        public INamedTypeSymbol? ExperimentalAttribute => System.Threading.Volatile.Read(ref _experimentalAttributeResolved) ? _experimentalAttribute : Resolve(ref _experimentalAttribute, ref _experimentalAttributeResolved, "System.Diagnostics.CodeAnalysis.ExperimentalAttribute");

        private INamedTypeSymbol? _console;
        private bool _consoleResolved;

        public INamedTypeSymbol? Console => System.Threading.Volatile.Read(ref _consoleResolved) ? _console : Resolve(ref _console, ref _consoleResolved, "System.Console");

        private INamedTypeSymbol? _blockingCollectionOfT;
        private bool _blockingCollectionOfTResolved;

        public INamedTypeSymbol? BlockingCollectionOfT => System.Threading.Volatile.Read(ref _blockingCollectionOfTResolved) ? _blockingCollectionOfT : Resolve(ref _blockingCollectionOfT, ref _blockingCollectionOfTResolved, "System.Collections.Concurrent.BlockingCollection`1");

        private INamedTypeSymbol? _obsoleteAttribute;
        private bool _obsoleteAttributeResolved;

        public INamedTypeSymbol? ObsoleteAttribute => System.Threading.Volatile.Read(ref _obsoleteAttributeResolved) ? _obsoleteAttribute : Resolve(ref _obsoleteAttribute, ref _obsoleteAttributeResolved, "System.ObsoleteAttribute");

        private INamedTypeSymbol? _eventArgs;
        private bool _eventArgsResolved;

        public INamedTypeSymbol? EventArgs => System.Threading.Volatile.Read(ref _eventArgsResolved) ? _eventArgs : Resolve(ref _eventArgs, ref _eventArgsResolved, "System.EventArgs");

        private INamedTypeSymbol? _iDisposable;
        private bool _iDisposableResolved;

        public INamedTypeSymbol? IDisposable => System.Threading.Volatile.Read(ref _iDisposableResolved) ? _iDisposable : Resolve(ref _iDisposable, ref _iDisposableResolved, "System.IDisposable");

        private INamedTypeSymbol? _parallel;
        private bool _parallelResolved;

        public INamedTypeSymbol? Parallel => System.Threading.Volatile.Read(ref _parallelResolved) ? _parallel : Resolve(ref _parallel, ref _parallelResolved, "System.Threading.Tasks.Parallel");

        private INamedTypeSymbol? _taskFactory;
        private bool _taskFactoryResolved;

        public INamedTypeSymbol? TaskFactory => System.Threading.Volatile.Read(ref _taskFactoryResolved) ? _taskFactory : Resolve(ref _taskFactory, ref _taskFactoryResolved, "System.Threading.Tasks.TaskFactory");

        private INamedTypeSymbol? _taskFactoryOfT;
        private bool _taskFactoryOfTResolved;

        public INamedTypeSymbol? TaskFactoryOfT => System.Threading.Volatile.Read(ref _taskFactoryOfTResolved) ? _taskFactoryOfT : Resolve(ref _taskFactoryOfT, ref _taskFactoryOfTResolved, "System.Threading.Tasks.TaskFactory`1");

        private INamedTypeSymbol? _enumerable;
        private bool _enumerableResolved;

        public INamedTypeSymbol? Enumerable => System.Threading.Volatile.Read(ref _enumerableResolved) ? _enumerable : Resolve(ref _enumerable, ref _enumerableResolved, "System.Linq.Enumerable");

        private INamedTypeSymbol? _iEnumerableOfT;
        private bool _iEnumerableOfTResolved;

        public INamedTypeSymbol? IEnumerableOfT => System.Threading.Volatile.Read(ref _iEnumerableOfTResolved) ? _iEnumerableOfT : Resolve(ref _iEnumerableOfT, ref _iEnumerableOfTResolved, "System.Collections.Generic.IEnumerable`1");

        private INamedTypeSymbol? _iAsyncEnumerableOfT;
        private bool _iAsyncEnumerableOfTResolved;

        public INamedTypeSymbol? IAsyncEnumerableOfT => System.Threading.Volatile.Read(ref _iAsyncEnumerableOfTResolved) ? _iAsyncEnumerableOfT : Resolve(ref _iAsyncEnumerableOfT, ref _iAsyncEnumerableOfTResolved, "System.Collections.Generic.IAsyncEnumerable`1");

        private INamedTypeSymbol? _iAsyncEnumeratorOfT;
        private bool _iAsyncEnumeratorOfTResolved;

        public INamedTypeSymbol? IAsyncEnumeratorOfT => System.Threading.Volatile.Read(ref _iAsyncEnumeratorOfTResolved) ? _iAsyncEnumeratorOfT : Resolve(ref _iAsyncEnumeratorOfT, ref _iAsyncEnumeratorOfTResolved, "System.Collections.Generic.IAsyncEnumerator`1");

        private INamedTypeSymbol? _enumeratorCancellationAttribute;
        private bool _enumeratorCancellationAttributeResolved;

        public INamedTypeSymbol? EnumeratorCancellationAttribute => System.Threading.Volatile.Read(ref _enumeratorCancellationAttributeResolved) ? _enumeratorCancellationAttribute : Resolve(ref _enumeratorCancellationAttribute, ref _enumeratorCancellationAttributeResolved, "System.Runtime.CompilerServices.EnumeratorCancellationAttribute");

        private INamedTypeSymbol? _operationCanceledException;
        private bool _operationCanceledExceptionResolved;

        public INamedTypeSymbol? OperationCanceledException => System.Threading.Volatile.Read(ref _operationCanceledExceptionResolved) ? _operationCanceledException : Resolve(ref _operationCanceledException, ref _operationCanceledExceptionResolved, "System.OperationCanceledException");

        private INamedTypeSymbol? _exception;
        private bool _exceptionResolved;

        public INamedTypeSymbol? Exception => System.Threading.Volatile.Read(ref _exceptionResolved) ? _exception : Resolve(ref _exception, ref _exceptionResolved, "System.Exception");

        private INamedTypeSymbol? _spanOfT;
        private bool _spanOfTResolved;

        public INamedTypeSymbol? SpanOfT => System.Threading.Volatile.Read(ref _spanOfTResolved) ? _spanOfT : Resolve(ref _spanOfT, ref _spanOfTResolved, "System.Span`1");

        private INamedTypeSymbol? _readOnlySpanOfT;
        private bool _readOnlySpanOfTResolved;

        public INamedTypeSymbol? ReadOnlySpanOfT => System.Threading.Volatile.Read(ref _readOnlySpanOfTResolved) ? _readOnlySpanOfT : Resolve(ref _readOnlySpanOfT, ref _readOnlySpanOfTResolved, "System.ReadOnlySpan`1");

        private INamedTypeSymbol? _memoryOfT;
        private bool _memoryOfTResolved;

        public INamedTypeSymbol? MemoryOfT => System.Threading.Volatile.Read(ref _memoryOfTResolved) ? _memoryOfT : Resolve(ref _memoryOfT, ref _memoryOfTResolved, "System.Memory`1");

        private INamedTypeSymbol? _readOnlyMemoryOfT;
        private bool _readOnlyMemoryOfTResolved;

        public INamedTypeSymbol? ReadOnlyMemoryOfT => System.Threading.Volatile.Read(ref _readOnlyMemoryOfTResolved) ? _readOnlyMemoryOfT : Resolve(ref _readOnlyMemoryOfT, ref _readOnlyMemoryOfTResolved, "System.ReadOnlyMemory`1");

        /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; (any construction).</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            return Is(definition, Task) || Is(definition, TaskOfT) || Is(definition, ValueTask) || Is(definition, ValueTaskOfT)
                || (named.BaseType is { } baseType && Is(baseType.OriginalDefinition, TaskOfT))
                || (Task != null && InheritsFrom(named, Task));
        }

        public bool IsValueTask(ITypeSymbol? type)
            => type is INamedTypeSymbol named && (Is(named.OriginalDefinition, ValueTask) || Is(named.OriginalDefinition, ValueTaskOfT));

        /// <summary>An awaiter whose GetResult blocks until the awaited task completes.</summary>
        public bool IsTaskAwaiter(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            return Is(definition, TaskAwaiter) || Is(definition, TaskAwaiterOfT) || Is(definition, ValueTaskAwaiter) || Is(definition, ValueTaskAwaiterOfT)
                || Is(definition, ConfiguredTaskAwaiter) || Is(definition, ConfiguredTaskAwaiterOfT)
                || Is(definition, ConfiguredValueTaskAwaiter) || Is(definition, ConfiguredValueTaskAwaiterOfT);
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> _awaitable = new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Task-like, or a type with an accessible parameterless instance <c>GetAwaiter()</c> whose result has
        /// <c>IsCompleted</c> and <c>GetResult</c> (ConfiguredTaskAwaitable, YieldAwaitable, custom awaitables).
        /// Extension GetAwaiter methods are not considered.
        /// </summary>
        public bool IsAwaitable(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.Dynamic)
            {
                return false;
            }

            if (IsTaskLike(type))
            {
                return true;
            }

            if (_awaitable.TryGetValue(type, out var cached))
            {
                return cached;
            }

            var result = false;
            foreach (var member in type.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnType: { } awaiter } && IsAwaiter(awaiter))
                {
                    result = true;
                    break;
                }
            }

            _awaitable.TryAdd(type, result);
            return result;
        }

        /// <summary>
        /// The compiler's awaiter pattern: a bool <c>IsCompleted</c> property, a parameterless <c>GetResult()</c>, and
        /// <c>INotifyCompletion</c> (which <c>ICriticalNotifyCompletion</c> extends); a type lacking any of them cannot be awaited.
        /// </summary>
        public bool IsAwaiter(ITypeSymbol awaiter)
        {
            var isCompleted = false;
            foreach (var member in awaiter.GetMembers("IsCompleted"))
            {
                isCompleted |= member is IPropertySymbol { IsStatic: false, GetMethod: not null, Type.SpecialType: SpecialType.System_Boolean };
            }

            var getResult = false;
            foreach (var member in awaiter.GetMembers("GetResult"))
            {
                getResult |= member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, Arity: 0 };
            }

            if (!isCompleted || !getResult)
            {
                return false;
            }

            if (INotifyCompletion is not { } notify)
            {
                return true;
            }

            if (Is(awaiter, notify))
            {
                return true;
            }

            foreach (var @interface in awaiter.AllInterfaces)
            {
                if (Is(@interface, notify))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>IAsyncEnumerable&lt;T&gt; itself or a type implementing it.</summary>
        public bool ImplementsAsyncEnumerable(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || IAsyncEnumerableOfT is not { } asyncEnumerable)
            {
                return false;
            }

            if (Is(named.OriginalDefinition, asyncEnumerable))
            {
                return true;
            }

            foreach (var @interface in named.AllInterfaces)
            {
                if (Is(@interface.OriginalDefinition, asyncEnumerable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>(object sender, TEventArgs e)</c> with TEventArgs deriving from (or being) EventArgs.</summary>
        public bool IsEventHandlerSignature(IMethodSymbol method)
        {
            if (method.Parameters.Length != 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_Object)
            {
                return false;
            }

            for (var type = method.Parameters[1].Type; type != null; type = type.BaseType)
            {
                if (Is(type, EventArgs))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Is(ITypeSymbol? type, ITypeSymbol? known)
            => known != null && SymbolEqualityComparer.Default.Equals(type, known);

        private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
