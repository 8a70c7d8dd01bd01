-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "questions" JSONB NOT NULL DEFAULT '[]';
