using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC603 fix: the local keeps a Task instead — <c>var vt = F();</c> → <c>var vt = F().AsTask();</c> (an explicit
    /// <c>ValueTask&lt;T&gt;</c> type becomes <c>Task&lt;T&gt;</c>), every other assignment gets <c>.AsTask()</c> too, and
    /// <c>vt.AsTask()</c> / <c>vt.Preserve()</c> become <c>vt</c>. A Task may be awaited and read any number of times and at any
    /// time. Offered only for a local declared with a value in a statement of its own whose every use a Task supports
    /// (await, ConfigureAwait, GetAwaiter, Result, the IsCompleted… properties); not for parameters (the signature is the
    /// caller's contract) nor for <c>default</c> values.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsumeValueTaskOnceCodeFixProvider)), Shared]
    public sealed class ConsumeValueTaskOnceCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsumeValueTaskOnce);

        protected override string EquivalenceKey => nameof(ConsumeValueTaskOnceCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Store '.AsTask()'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Plan(root, model, diagnostic, cancellationToken) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var done = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } plan || !done.Add(plan.Declarator))
                {
                    continue;
                }

                if (plan.ExplicitType is { } type && plan.NewType is { } newType)
                {
                    editor.ReplaceNode(type, newType);
                }

                foreach (var value in plan.Values)
                {
                    editor.ReplaceNode(value, AsTask(value));
                }

                foreach (var call in plan.Unwrapped)
                {
                    editor.ReplaceNode(call, ((MemberAccessExpressionSyntax)call.Expression).Expression.WithTriviaFrom(call));
                }
            }
        }

        private static ExpressionSyntax AsTask(ExpressionSyntax value)
        {
            var receiver = value is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax
                or ObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? value.WithoutTrivia()
                : SyntaxFactory.ParenthesizedExpression(value.WithoutTrivia());
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("AsTask")))
                .WithTriviaFrom(value);
        }

        private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var site = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            ILocalSymbol? local = null;
            foreach (var node in site.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier)
                {
                    local = model.GetSymbolInfo(identifier, cancellationToken).Symbol as ILocalSymbol;
                    break;
                }
            }

            var known = KnownSymbols.Get(model.Compilation);
            if (local?.Type is not INamedTypeSymbol valueTask || !known.IsValueTask(valueTask) || known.Task is null
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
                || declaration.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, IsConst: false } statement
                || IsDefault(initializer))
            {
                return null;
            }

            var taskType = valueTask.IsGenericType
                ? (known.TaskOfT is { } taskOfT ? taskOfT.Construct(valueTask.TypeArguments[0]) : null)
                : known.Task;
            if (taskType is null)
            {
                return null;
            }

            var values = new List<ExpressionSyntax> { initializer };
            var unwrapped = new List<InvocationExpressionSyntax>();
            var scope = statement.Parent ?? statement;
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != local.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                {
                    continue;
                }

                ExpressionSyntax use = identifier;
                while (use.Parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    use = parenthesized;
                }

                switch (use.Parent)
                {
                    case AwaitExpressionSyntax:
                        break;
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment when assignment.Left == use:
                        if (IsDefault(assignment.Right))
                        {
                            return null;
                        }

                        values.Add(assignment.Right);
                        break;
                    case MemberAccessExpressionSyntax access when access.Expression == use:
                        var member = access.Name.Identifier.ValueText;
                        if (member is "AsTask" or "Preserve" && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call)
                        {
                            unwrapped.Add(call);
                        }
                        else if (taskType.GetMembers(member).IsEmpty && known.Task.GetMembers(member).IsEmpty)
                        {
                            return null;
                        }

                        break;
                    default:
                        return null;
                }
            }

            TypeSyntax? explicitType = null, newType = null;
            if (!declaration.Type.IsVar)
            {
                // The written type with its last name's ValueTask turned into Task (qualification and type argument kept), if that binds to the Task type.
                explicitType = declaration.Type;
                var last = explicitType is QualifiedNameSyntax qualified ? qualified.Right : explicitType as SimpleNameSyntax;
                if (last is null || last.Identifier.ValueText != "ValueTask")
                {
                    return null;
                }

                newType = explicitType.ReplaceToken(last.Identifier, SyntaxFactory.Identifier("Task").WithTriviaFrom(last.Identifier));
                var bound = model.GetSpeculativeTypeInfo(explicitType.SpanStart, newType, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
                if (!SymbolEqualityComparer.Default.Equals(bound, taskType))
                {
                    return null;
                }
            }

            return new FixPlan(declarator, explicitType, newType, values, unwrapped);
        }

        private static bool IsDefault(ExpressionSyntax value)
            => value is DefaultExpressionSyntax || value.IsKind(SyntaxKind.DefaultLiteralExpression);

        private sealed class FixPlan
        {
            public FixPlan(VariableDeclaratorSyntax declarator, TypeSyntax? explicitType, TypeSyntax? newType, List<ExpressionSyntax> values, List<InvocationExpressionSyntax> unwrapped)
            {
                Declarator = declarator;
                ExplicitType = explicitType;
                NewType = newType;
                Values = values;
                Unwrapped = unwrapped;
            }

            public VariableDeclaratorSyntax Declarator { get; }

            public TypeSyntax? ExplicitType { get; }

            public TypeSyntax? NewType { get; }

            public List<ExpressionSyntax> Values { get; }

            public List<InvocationExpressionSyntax> Unwrapped { get; }
        }
    }
}
