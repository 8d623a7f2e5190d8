using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>
    /// The task completion proof (ARCHITECTURE.md, "Decided once"): a task is known complete — so <c>.Result</c> or
    /// <c>GetAwaiter().GetResult()</c> on it does not block — after <c>await t</c> (Task only, never ValueTask),
    /// after <c>await Task.WhenAll(…)</c> naming it or a materialised array/list local holding it, inside
    /// <c>IsCompleted</c> / <c>IsCompletedSuccessfully</c> / <c>Status == RanToCompletion</c> guards (also the
    /// early-return form <c>if (!t.IsCompleted) return;</c>), inside a <c>ContinueWith</c> continuation on its
    /// own parameter (Task's ContinueWith only), for <c>Task.FromResult</c> / <c>Task.CompletedTask</c> values and the
    /// task an awaited <c>Task.WhenAny</c> returns; tasks named in <c>params</c> arrays, spans (.NET 9+) and collection
    /// expressions count as named; as long as the local is
    /// not written in between. Anything else is not proven: the proof never guesses.
    /// </summary>
    internal static class TaskCompletion
    {
        public static bool IsProvenComplete(IOperation taskOperation, KnownSymbols known)
        {
            var task = OperationTree.Unwrap(taskOperation);

            // ((Task<T>)task).Result: a reference cast is the same task object.
            while (task is IConversionOperation { Conversion.IsReference: true } cast)
            {
                task = OperationTree.Unwrap(cast.Operand);
            }
            if (IsCompletedFactory(task, known))
            {
                return true;
            }

            // (flag ? a : b).Result: complete when both candidates are.
            if (task is IConditionalOperation { WhenFalse: { } whenFalse } choice && choice.Type != null)
            {
                return IsProvenComplete(choice.WhenTrue, known) && IsProvenComplete(whenFalse, known);
            }

            ISymbol? symbol = null;
            ILocalSymbol? collection = null;
            switch (task)
            {
                case ILocalReferenceOperation local:
                    symbol = local.Local;
                    break;
                case IParameterReferenceOperation parameter:
                    symbol = parameter.Parameter;
                    break;
                case IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array }:
                    collection = array.Local;
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation list }:
                    collection = list.Local;
                    break;
            }

            if (symbol is null && collection is null)
            {
                return false;
            }

            if (symbol is IParameterSymbol continuationParameter && IsContinuationParameter(continuationParameter, task, known))
            {
                return true;
            }

            var isValueTask = known.IsValueTask(task.Type);
            var root = AsyncContext.FunctionBody(task);
            if (symbol is ILocalSymbol local2)
            {
                collection ??= ForEachCollection(local2, task);
                if (IsInitializedComplete(local2, root, known) && !LocalWrites.HasWriteAnywhere(root, local2))
                {
                    return true;
                }
            }

            // Walk outwards: guards around the site, and proving statements before it in each enclosing block.
            var child = task;
            for (var parent = task.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }

                if (symbol != null && parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition))
                {
                    var inTrue = ReferenceEquals(child, conditional.WhenTrue);
                    if ((inTrue && ImpliesCompleted(conditional.Condition, symbol, known))
                        || (!inTrue && ImpliesNotCompleted(conditional.Condition, symbol, known)))
                    {
                        if (!LocalWrites.HasWriteBetween(root, symbol, conditional.Condition.Syntax.Span.End, task))
                        {
                            return true;
                        }
                    }
                }

                // t.IsCompleted && t.Result …  /  !t.IsCompleted || t.Result …
                if (symbol != null && parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
                    && ReferenceEquals(child, logical.RightOperand)
                    && (logical.OperatorKind == BinaryOperatorKind.ConditionalAnd
                        ? ImpliesCompleted(logical.LeftOperand, symbol, known)
                        : ImpliesNotCompleted(logical.LeftOperand, symbol, known))
                    && !LocalWrites.HasWriteBetween(root, symbol, logical.LeftOperand.Syntax.Span.End, task))
                {
                    return true;
                }

                // switch (t.Status) { case TaskStatus.RanToCompletion: … t.Result … }
                if (symbol != null && parent is ISwitchCaseOperation switchCase && IsRanToCompletionCase(switchCase, symbol, known)
                    && !LocalWrites.HasWriteBetween(root, symbol, switchCase.Syntax.SpanStart, task))
                {
                    return true;
                }

                if (parent is IBlockOperation block)
                {
                    for (var i = block.Operations.IndexOf(child) - 1; i >= 0; i--)
                    {
                        var statement = block.Operations[i];
                        if (Proves(statement, symbol, collection, isValueTask, known, root)
                            && !LocalWrites.HasWriteBetween(root, symbol, statement.Syntax.Span.End, task)
                            && (collection is null || !LocalWrites.HasWriteBetween(root, collection, statement.Syntax.Span.End, task)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool Proves(IOperation statement, ISymbol? symbol, ILocalSymbol? collection, bool isValueTask, KnownSymbols known, IOperation root)
        {
            // try { if (!t.Wait(ms)) throw …; } catch (…) { throw …; }: leaving the try normally means its body completed,
            // so what proves completion in the body proves it after the try.
            if (statement is ITryOperation { Finally: null } tryOperation && tryOperation.Catches.Length > 0 && EveryCatchExits(tryOperation))
            {
                foreach (var inner in tryOperation.Body.Operations)
                {
                    if (Proves(inner, symbol, collection, isValueTask, known, root))
                    {
                        return true;
                    }
                }
            }

            // if (!t.IsCompleted) return;  /  if (t.Status != RanToCompletion) throw …;
            if (symbol != null && statement is IConditionalOperation { WhenFalse: null } guard
                && AlwaysExits(guard.WhenTrue) && ImpliesNotCompleted(guard.Condition, symbol, known))
            {
                return true;
            }

            var found = false;
            VisitUnconditional(statement, operation =>
            {
                // A blocking wait that returned also proves completion (it is reported itself, once).
                if (operation is IInvocationOperation { Arguments.Length: 0, TargetMethod.Name: "Wait", Instance: { } waited } wait
                    && KnownSymbols.Is(wait.TargetMethod.ContainingType, known.Task)
                    && symbol != null && OperationTree.IsReferenceTo(OperationTree.Unwrap(waited), symbol))
                {
                    found = true;
                    return;
                }

                if (operation is IInvocationOperation { TargetMethod: { Name: "WaitAll", IsStatic: true } waitAll } waitAllCall
                    && KnownSymbols.Is(waitAll.ContainingType, known.Task)
                    && BlockingTaskCalls.WaitsForAllWithoutLimit(waitAllCall, known)
                    && NamesTask(waitAllCall, symbol, collection, known, root))
                {
                    found = true;
                    return;
                }

                if (operation is not IAwaitOperation awaitOperation)
                {
                    return;
                }

                var awaited = BlockingTaskCalls.StripConfigureAwait(awaitOperation.Operation, known);
                awaited = OperationTree.Unwrap(awaited);
                if (!isValueTask && symbol != null && OperationTree.IsReferenceTo(awaited, symbol))
                {
                    found = true;
                    return;
                }

                if (awaited is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } whenAll } invocation
                    && KnownSymbols.Is(whenAll.ContainingType, known.Task)
                    && NamesTask(invocation, symbol, collection, known, root))
                {
                    found = true;
                }
            });
            return found;
        }

        /// <summary>A switch section on <c>t.Status</c> whose only labels are <c>case TaskStatus.RanToCompletion</c>.</summary>
        private static bool IsRanToCompletionCase(ISwitchCaseOperation switchCase, ISymbol symbol, KnownSymbols known)
        {
            if (switchCase.Parent is not ISwitchOperation switchOperation
                || StatusOf(switchOperation.Value) is not { } instance
                || !OperationTree.IsReferenceTo(OperationTree.Unwrap(instance), symbol)
                || switchCase.Clauses.Length == 0)
            {
                return false;
            }

            foreach (var clause in switchCase.Clauses)
            {
                if (clause is not ISingleValueCaseClauseOperation { Value: { } value }
                    || OperationTree.Unwrap(value) is not IFieldReferenceOperation { Field: { Name: "RanToCompletion" } field }
                    || !KnownSymbols.Is(field.ContainingType, known.TaskStatus))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool NamesTask(IInvocationOperation whenAll, ISymbol? symbol, ILocalSymbol? collection, KnownSymbols known, IOperation root)
        {
            foreach (var argument in whenAll.Arguments)
            {
                var value = OperationTree.Unwrap(argument.Value);
                var inline = BlockingTaskCalls.InlineTasks(value);
                if (!inline.IsDefault)
                {
                    foreach (var element in inline)
                    {
                        if (symbol != null && OperationTree.IsReferenceTo(OperationTree.Unwrap(element), symbol))
                        {
                            return true;
                        }
                    }

                    continue;
                }

                if (value is ILocalReferenceOperation { Local: { } local } && IsMaterialised(local.Type, known))
                {
                    if (collection != null && SymbolEqualityComparer.Default.Equals(local, collection))
                    {
                        return true;
                    }

                    if (symbol != null && InitializerContains(local, symbol, root))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsMaterialised(ITypeSymbol type, KnownSymbols known)
            => type is IArrayTypeSymbol
               || (type is INamedTypeSymbol named && (KnownSymbols.Is(named.OriginalDefinition, known.ListOfT) || KnownSymbols.Is(named.OriginalDefinition, known.ImmutableArrayOfT)));

        /// <summary><c>var all = new[] { t1, t2 };</c> or <c>new List&lt;Task&gt; { t1, t2 }</c> / <c>[t1, t2]</c>.</summary>
        private static bool InitializerContains(ILocalSymbol collection, ISymbol symbol, IOperation root)
        {
            var declarator = LocalWrites.DeclaratorOf(collection, root);
            if (declarator?.GetVariableInitializer()?.Value is not { } value)
            {
                return false;
            }

            var found = false;
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (OperationTree.IsReferenceTo(operation, symbol))
                {
                    found = true;
                    break;
                }
            }

            return found;
        }

        private static bool IsInitializedComplete(ILocalSymbol local, IOperation root, KnownSymbols known)
        {
            var value = LocalWrites.DeclaratorOf(local, root)?.GetVariableInitializer()?.Value;
            return value != null && IsCompletedFactory(OperationTree.Unwrap(value), known);
        }

        /// <summary>
        /// <c>Task.FromResult(x)</c>, <c>Task.CompletedTask</c>, <c>ValueTask.FromResult(x)</c>, <c>ValueTask.CompletedTask</c>,
        /// and the task an awaited <c>Task.WhenAny(…)</c> returns (the one that completed).
        /// </summary>
        private static bool IsCompletedFactory(IOperation operation, KnownSymbols known)
            => operation switch
            {
                IAwaitOperation awaited
                    => OperationTree.Unwrap(BlockingTaskCalls.StripConfigureAwait(awaited.Operation, known)) is IInvocationOperation { TargetMethod: { Name: "WhenAny", IsStatic: true } whenAny }
                       && KnownSymbols.Is(whenAny.ContainingType, known.Task),
                IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method }
                    => KnownSymbols.Is(method.ContainingType, known.Task) || KnownSymbols.Is(method.ContainingType, known.ValueTask),
                IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property }
                    => KnownSymbols.Is(property.ContainingType, known.Task) || KnownSymbols.Is(property.ContainingType, known.ValueTask),
                _ => false,
            };

        /// <summary><c>t.ContinueWith(x => x.Result)</c> on a Task: x is complete inside the continuation.</summary>
        private static bool IsContinuationParameter(IParameterSymbol parameter, IOperation site, KnownSymbols known)
        {
            if (parameter.Ordinal != 0 || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol)
            {
                return false;
            }

            for (var current = site.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                {
                    var argument = lambda.Parent is IDelegateCreationOperation creation ? creation.Parent : lambda.Parent;
                    return argument is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ContinueWith", ContainingType: { } declaring }, Instance: not null } }
                        && (KnownSymbols.Is(declaring, known.Task) || KnownSymbols.Is(declaring.OriginalDefinition, known.TaskOfT));
                }
            }

            return false;
        }

        /// <summary>The iterated collection when <paramref name="local"/> is the variable of <c>foreach (var t in tasks)</c>.</summary>
        private static ILocalSymbol? ForEachCollection(ILocalSymbol local, IOperation site)
        {
            for (var current = site.Parent; current != null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop)
                {
                    foreach (var loopLocal in loop.Locals)
                    {
                        if (SymbolEqualityComparer.Default.Equals(loopLocal, local)
                            && OperationTree.Unwrap(loop.Collection) is ILocalReferenceOperation collection)
                        {
                            return collection.Local;
                        }
                    }
                }
            }

            return null;
        }

        private static bool ImpliesCompleted(IOperation condition, ISymbol symbol, KnownSymbols known)
        {
            condition = OperationTree.Unwrap(condition);
            switch (condition)
            {
                case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully", Instance: { } instance }:
                    return OperationTree.IsReferenceTo(OperationTree.Unwrap(instance), symbol);
                // t.Wait(timeout) returned true: the task completed (the wait itself is reported, once).
                case IInvocationOperation { TargetMethod: { Name: "Wait", ReturnType.SpecialType: SpecialType.System_Boolean } wait, Instance: { } waited }
                    when KnownSymbols.Is(wait.ContainingType, known.Task):
                    return OperationTree.IsReferenceTo(OperationTree.Unwrap(waited), symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return ImpliesCompleted(and.LeftOperand, symbol, known) || ImpliesCompleted(and.RightOperand, symbol, known);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsStatusRanToCompletion(equals.LeftOperand, equals.RightOperand, symbol, known)
                        || IsCompletedFlag(equals.LeftOperand, equals.RightOperand, symbol, known, true);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return IsCompletedFlag(notEquals.LeftOperand, notEquals.RightOperand, symbol, known, false);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return ImpliesNotCompleted(not.Operand, symbol, known);
            }

            return false;
        }

        private static bool ImpliesNotCompleted(IOperation condition, ISymbol symbol, KnownSymbols known)
        {
            condition = OperationTree.Unwrap(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return ImpliesCompleted(not.Operand, symbol, known);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return ImpliesNotCompleted(or.LeftOperand, symbol, known) || ImpliesNotCompleted(or.RightOperand, symbol, known);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return IsStatusRanToCompletion(notEquals.LeftOperand, notEquals.RightOperand, symbol, known)
                        || IsCompletedFlag(notEquals.LeftOperand, notEquals.RightOperand, symbol, known, true);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsCompletedFlag(equals.LeftOperand, equals.RightOperand, symbol, known, false);
            }

            return false;
        }

        /// <summary>
        /// The task whose <c>Status</c> this is: <c>t.Status</c>, or a local assigned once from it
        /// (<c>var status = t.Status; switch (status) …</c>).
        /// </summary>
        private static IOperation? StatusOf(IOperation operation)
        {
            var value = OperationTree.Unwrap(operation);
            if (value is ILocalReferenceOperation { Local: { } local } && AsyncContext.FunctionBody(value) is { } root
                && LocalWrites.SingleAssignedValue(local, root) is { } assigned)
            {
                value = OperationTree.Unwrap(assigned);
            }

            return value is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } ? instance : null;
        }

        /// <summary><c>t.Status</c> compared with <c>TaskStatus.RanToCompletion</c> (either side).</summary>
        private static bool IsStatusRanToCompletion(IOperation left, IOperation right, ISymbol symbol, KnownSymbols known)
        {
            static bool IsStatus(IOperation operation, ISymbol symbol)
                => StatusOf(operation) is { } instance && OperationTree.IsReferenceTo(OperationTree.Unwrap(instance), symbol);

            static bool IsRanToCompletion(IOperation operation, KnownSymbols known)
                => OperationTree.Unwrap(operation) is IFieldReferenceOperation { Field: { Name: "RanToCompletion" } field }
                   && KnownSymbols.Is(field.ContainingType, known.TaskStatus);

            return (IsStatus(left, symbol) && IsRanToCompletion(right, known)) || (IsStatus(right, symbol) && IsRanToCompletion(left, known));
        }

        /// <summary><c>t.IsCompleted == true</c> (value true) or <c>t.IsCompleted == false</c> (value false).</summary>
        private static bool IsCompletedFlag(IOperation left, IOperation right, ISymbol symbol, KnownSymbols known, bool value)
        {
            static bool IsFlag(IOperation operation, ISymbol symbol)
                => OperationTree.Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully", Instance: { } instance }
                   && OperationTree.IsReferenceTo(OperationTree.Unwrap(instance), symbol);

            static bool IsConstant(IOperation operation, bool value)
                => operation.ConstantValue is { HasValue: true, Value: bool constant } && constant == value;

            return (IsFlag(left, symbol) && IsConstant(right, value)) || (IsFlag(right, symbol) && IsConstant(left, value));
        }

        private static bool EveryCatchExits(ITryOperation tryOperation)
        {
            foreach (var clause in tryOperation.Catches)
            {
                if (!AlwaysExits(clause.Handler))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AlwaysExits(IOperation operation)
        {
            switch (operation)
            {
                case IReturnOperation:
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IBranchOperation branch:
                    return branch.BranchKind is BranchKind.Break or BranchKind.Continue;
                case IBlockOperation block:
                    return block.Operations.Length > 0 && AlwaysExits(block.Operations[block.Operations.Length - 1]);
            }

            return false;
        }

        /// <summary>
        /// Visits the operations of a statement that certainly run when the statement completes normally:
        /// not the branches of conditionals, short-circuit right sides, loop bodies, try blocks or lambdas.
        /// </summary>
        private static void VisitUnconditional(IOperation root, System.Action<IOperation> visit)
        {
            // Iterative: deeply nested expressions must not overflow the stack.
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                visit(operation);
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case ILoopOperation:
                    case ITryOperation:
                    case ISwitchOperation:
                    case ISwitchExpressionOperation:
                        continue;
                    case IConditionalOperation conditional:
                        pending.Push(conditional.Condition);
                        continue;
                    case ICoalesceOperation coalesce:
                        pending.Push(coalesce.Value);
                        continue;
                    case IConditionalAccessOperation access:
                        pending.Push(access.Operation);
                        continue;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                        pending.Push(logical.LeftOperand);
                        continue;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }
        }
    }
}
