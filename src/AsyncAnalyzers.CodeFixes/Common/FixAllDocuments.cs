using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Common
{
    /// <summary>The documents a Fix All covers: the one document, the project's, or every project's.</summary>
    internal static class FixAllDocuments
    {
        public static List<Document> InScope(FixAllContext context)
        {
            var documents = new List<Document>();
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document != null:
                    documents.Add(context.Document);
                    break;
                case FixAllScope.Project:
                    documents.AddRange(context.Project.Documents);
                    break;
                default:
                    foreach (var project in context.Solution.Projects)
                    {
                        documents.AddRange(project.Documents);
                    }

                    break;
            }

            return documents;
        }
    }
}
