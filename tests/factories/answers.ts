// Complete answers of each kind, as a student would type them into the form (budget lines in yuan
// text): what the application and requested-changes tests submit. Dates are in the next academic
// year, so the answers stay valid whenever the tests run.
import { academicYearOf } from '~/domain/academic-year'
import type { ProgramKind } from '~/domain/program'

const [firstYear] = academicYearOf(new Date()).split('-').map(Number)

export const completeAnswers: Record<ProgramKind, Record<string, unknown>> = {
  exchange: {
    kind: 'exchange',
    term: 'semester',
    startDate: `${firstYear + 1}-03-01`,
    endDate: `${firstYear + 1}-07-31`,
    gpa: 3.62,
    gpaScale: '4.0',
    languageTest: 'ielts',
    languageScore: 7,
    studyPlan: '第一学期修读机器学习与分布式系统。\n回校后认定学分。',
    courses: [
      { homeCourse: '机器学习', hostCourse: 'Machine Learning (IN2064)', credits: 3 },
      { homeCourse: '分布式系统', hostCourse: 'Distributed Systems (IN2259)', credits: 2.5 },
    ],
    motivation: '希望在德国学习人工智能前沿课程。',
    passportNumber: 'E12345678',
    passportExpiry: `${firstYear + 4}-01-01`,
  },
  joint_training: {
    kind: 'joint_training',
    hostInstitution: 'Lomonosov Moscow State University',
    hostDepartment: 'Faculty of Physics',
    hostSupervisorName: 'Ivan Petrov',
    hostSupervisorTitle: 'Professor',
    hostSupervisorEmail: 'petrov@physics.msu.ru',
    homeSupervisor: '王教授',
    startDate: `${firstYear + 1}-03-01`,
    endDate: `${firstYear + 2}-02-28`,
    researchPlan: '研究二维材料的输运性质。',
    fundingSource: 'csc',
    languageTest: 'toefl',
    languageScore: 95,
    passportNumber: 'E23456789',
    passportExpiry: `${firstYear + 5}-01-01`,
  },
  conference: {
    kind: 'conference',
    conferenceName: 'International Conference on Machine Learning',
    organiser: 'IMLS',
    city: 'Vienna',
    country: 'Austria',
    startDate: `${firstYear + 1}-07-12`,
    endDate: `${firstYear + 1}-07-18`,
    website: 'https://icml.cc',
    paperTitle: 'Scaling laws for small models',
    authors: '张三, 李四',
    acceptanceStatus: 'accepted',
    presentationType: 'oral',
    budget: { registration: '4500', airfare: '9800.50', accommodation: '6000', perDiem: '', visa: '600', other: '' },
    passportNumber: 'E34567890',
    passportExpiry: `${firstYear + 5}-01-01`,
  },
}
