// A series: works in an order chosen by its creators, with its own summary and notes.
export interface Series {
  id: string;
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
  createdAt: string;
  updatedAt: string;
}
