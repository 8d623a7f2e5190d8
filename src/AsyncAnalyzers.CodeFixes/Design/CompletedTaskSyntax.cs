using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>A completed task of a given type: <c>Task.CompletedTask</c>, or <c>Task.FromResult&lt;T&gt;(default)</c>.</summary>
    internal static class CompletedTaskSyntax
    {
        /// <summary>The Task / Task&lt;T&gt; an expression is (or, for <paramref name="converted"/>, is converted to), else null.</summary>
        public static INamedTypeSymbol? TaskTypeOf(SemanticModel model, SyntaxNode expression, bool converted, CancellationToken cancellationToken)
        {
            var info = model.GetTypeInfo(expression, cancellationToken);
            return (converted ? info.ConvertedType : info.Type) is INamedTypeSymbol type && KnownSymbols.Get(model.Compilation).IsTaskOrTaskOfT(type) ? type : null;
        }

        /// <summary>Null when <paramref name="type"/> is neither Task nor Task&lt;T&gt;.</summary>
        public static ExpressionSyntax? Create(DocumentFixEditor editor, INamedTypeSymbol task, INamedTypeSymbol type, int position)
        {
            var taskExpression = editor.TypeExpression(task, position);
            if (SymbolEqualityComparer.Default.Equals(type, task))
            {
                return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskExpression, SyntaxFactory.IdentifierName("CompletedTask"));
            }

            if (type.TypeArguments.Length != 1)
            {
                return null;
            }

            var result = type.TypeArguments[0];
            var resultType = ((TypeSyntax)editor.Generator.TypeExpression(result)).WithAdditionalAnnotations(Simplifier.Annotation);

            // default! for results that may be reference types, so a nullable context gets no new warning.
            ExpressionSyntax value = SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
            if (!result.IsValueType && ((CSharpParseOptions)editor.OriginalRoot.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp8)
            {
                value = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, value);
            }

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    taskExpression,
                    SyntaxFactory.GenericName(SyntaxFactory.Identifier("FromResult"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(resultType)))),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value))));
        }
    }
}
