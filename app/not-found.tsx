import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card empty">
      <h1>Not found</h1>
      <p>There is nothing here, or it is not yours to see.</p>
      <Link href="/">Back to your courses</Link>
    </div>
  );
}
