import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { plural } from "@/lib/format/plural";
import { getGradeStructure } from "@/lib/progress/course-grades";
import { formatShare } from "@/lib/progress/format";
import { formatPoints } from "@/lib/scoring/course-grade-explanation";
import { AddCategoryForm, AssessmentCategoryForm, CategoryEditRow } from "./CategoryControls";
import "@/app/grades.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Grading" };

export default async function GradingPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/grading`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canEdit = can(membership, "edit-grading");
  const { categories, assessments } = await getGradeStructure(await getDb(), course.id);
  const totalWeight = categories.reduce((sum, category) => sum + category.weight, 0);
  const share = (weight: number) => (totalWeight > 0 ? formatShare(weight / totalWeight) : "—");
  const inCategory = (id: string) => assessments.filter((assessment) => assessment.categoryId === id).length;
  const categoryName = new Map(categories.map((category) => [category.id, category.name]));
  return (
    <div className="grading">
      <h1>Grading</h1>
      <p data-testid="grading-method">
        {categories.length === 0
          ? "This course has no grade categories: a student's course grade is their points over the points possible of the assessments that count. Add a category to weigh them instead."
          : "A student's course grade is the weighted average of their category percentages, over the categories where something counts for them; in each category the lowest assessments are dropped as set below (never all of them). Assessments in no category do not count."}{" "}
        An assessment counts once the student has a graded Submit on one of its exercises, or once their due date (with any extension) has passed. Changes apply at once to every{" "}
        <Link href={`/courses/${course.slug}/manage/gradebook`}>grade</Link>: no stored score changes.
      </p>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">Categories</h2>
        {categories.length === 0 ? (
          <p className="muted">No categories yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="categories">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Share of the grade</th>
                  <th scope="col">Lowest dropped</th>
                  <th scope="col">Assessments</th>
                  {canEdit ? <th scope="col">Change</th> : null}
                </tr>
              </thead>
              <tbody>
                {categories.map((category, index) =>
                  canEdit ? (
                    <CategoryEditRow
                      key={category.id}
                      slug={course.slug}
                      category={{ id: category.id, name: category.name, weight: category.weight, dropLowest: category.dropLowest }}
                      share={share(category.weight)}
                      assessments={inCategory(category.id)}
                      first={index === 0}
                      last={index === categories.length - 1}
                    />
                  ) : (
                    <tr key={category.id} data-category-id={category.id}>
                      <th scope="row">{category.name}</th>
                      <td>{formatPoints(category.weight)}</td>
                      <td>{share(category.weight)}</td>
                      <td>{category.dropLowest}</td>
                      <td>{inCategory(category.id)}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canEdit ? (
        <section className="card" aria-labelledby="add-category-title">
          <h2 id="add-category-title">Add a category</h2>
          <AddCategoryForm slug={course.slug} />
        </section>
      ) : null}

      <section aria-labelledby="assessments-title">
        <h2 id="assessments-title">Assessments by category</h2>
        {assessments.length === 0 ? (
          <p className="muted">
            No assessments yet: build them under <Link href={`/courses/${course.slug}/manage/assessments`}>Assessments</Link>.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="assessment-categories">
              <thead>
                <tr>
                  <th scope="col">Assessment</th>
                  <th scope="col">Exercises</th>
                  <th scope="col">Points</th>
                  <th scope="col">Category</th>
                </tr>
              </thead>
              <tbody>
                {assessments.map((assessment) => (
                  <tr key={assessment.id} data-assessment-id={assessment.id}>
                    <th scope="row">{assessment.title}</th>
                    <td>{plural(assessment.items.length, "exercise")}</td>
                    <td>{assessment.items.reduce((sum, item) => sum + item.points, 0)}</td>
                    <td>
                      {canEdit ? (
                        <AssessmentCategoryForm
                          slug={course.slug}
                          assessment={{ id: assessment.id, title: assessment.title, categoryId: assessment.categoryId }}
                          categories={categories.map(({ id, name }) => ({ id, name }))}
                        />
                      ) : assessment.categoryId ? (
                        categoryName.get(assessment.categoryId)
                      ) : (
                        "none"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
