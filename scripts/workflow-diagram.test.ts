import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { workflowDocPath, workflowMarkdown } from './workflow-diagram'

describe('docs/workflow.md', () => {
  it('matches the transition table (regenerate with `npx tsx scripts/workflow-diagram.ts`)', async () => {
    const committed = await readFile(workflowDocPath, 'utf8').catch(() => '')
    expect(committed).toBe(workflowMarkdown())
  })

  it('draws one edge per (command, from, target)', () => {
    const md = workflowMarkdown()
    expect(md).toContain('  college_endorsed --> funding_check: office_approve · office_reviewer (money requested)')
    expect(md).toContain('  college_endorsed --> approved: office_approve · office_reviewer (no money requested)')
    expect(md).toContain('  approved --> withdrawn: withdraw · student')
    expect(md).toContain('  completed --> [*]')
  })
})
