using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    // The rename_to_async_suffix option: the new name of a converted group and the edits at each reference (calls, nameof, cref).
    internal sealed partial class AsyncCascade
    {
        private async Task<string?> NewNameAsync(List<IMethodSymbol> group, List<(IMethodSymbol Member, SyntaxNode Declaration, Document Document)> declarations)
        {
            var first = group[0];
            if (first.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                return null;
            }

            foreach (var (_, declaration, document) in declarations)
            {
                var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(declaration.SyntaxTree);
                if (!Options.GetBool(options, RuleOptions.RenameToAsyncSuffix, false))
                {
                    return null;
                }
            }

            var newName = first.Name + "Async";
            foreach (var member in group)
            {
                if (member.MethodKind == MethodKind.LocalFunction)
                {
                    var (_, declaration, document) = declarations[0];
                    var model = await ModelAsync(document, declaration.SyntaxTree).ConfigureAwait(false);
                    if (model.LookupSymbols(declaration.SpanStart, name: newName).Length > 0)
                    {
                        return null;
                    }

                    continue;
                }

                for (var type = member.ContainingType; type != null; type = type.BaseType)
                {
                    if (type.GetMembers(newName).Length > 0)
                    {
                        return null; // the name is taken (or would hide/overload confusingly): keep the name
                    }
                }
            }

            return newName;
        }

        private async Task PlanRenameAsync(ReferenceLocation reference, string newName)
        {
            var root = await reference.Location.SourceTree!.GetRootAsync(_cancellationToken).ConfigureAwait(false);
            var node = root.FindNode(reference.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
            var name = node as SimpleNameSyntax ?? (node as NameMemberCrefSyntax)?.Name as SimpleNameSyntax;
            if (name is null)
            {
                for (var current = node; current != null; current = current.Parent)
                {
                    if (current is SimpleNameSyntax simple && simple.Span.Contains(reference.Location.SourceSpan))
                    {
                        name = simple;
                        break;
                    }
                }
            }

            if (name != null)
            {
                Plan.For(reference.Document.Id).Renames[name] = newName;
            }
        }

        private static bool IsNameofArgument(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return true;
                }

                if (current is StatementSyntax or MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }
    }
}
